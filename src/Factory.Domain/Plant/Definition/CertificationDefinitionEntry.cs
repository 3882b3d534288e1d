namespace Factory.Domain.Plant.Definition;

/// <summary>A certification: an absolute <see cref="ValidUntil"/>, or <see cref="ValidForDays"/> counted from load time.</summary>
public sealed class CertificationDefinitionEntry
{
    public string Skill { get; set; } = "";

    public DateTimeOffset? ValidUntil { get; set; }

    public double? ValidForDays { get; set; }
}
