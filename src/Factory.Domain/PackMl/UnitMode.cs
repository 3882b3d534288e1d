namespace Factory.Domain.PackMl;

/// <summary>PackML unit modes. 0 is invalid by the standard and kept only to represent "not known yet".</summary>
public enum UnitMode
{
    Unknown = 0,
    Production = 1,
    Maintenance = 2,
    Manual = 3,
}
