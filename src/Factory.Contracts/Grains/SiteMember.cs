namespace Factory.Contracts.Grains;

/// <summary>The kinds of entity a site's directory lists.</summary>
public enum SiteMember
{
    Line = 1,
    Machine = 2,
    Worker = 3,
    WorkOrder = 4,
}
