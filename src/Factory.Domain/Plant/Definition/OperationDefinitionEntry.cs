namespace Factory.Domain.Plant.Definition;

/// <summary>One operation of a work order in the plant definition file.</summary>
public sealed class OperationDefinitionEntry
{
    public int Sequence { get; set; }

    public string Name { get; set; } = "";

    public string Capability { get; set; } = "";

    public string? Skill { get; set; }

    public int MinSkillLevel { get; set; }

    public double StandardDurationSeconds { get; set; }

    public List<string> AllowedMachines { get; set; } = [];

    /// <summary>The PLC program or recipe the machine runs it with, written to the PLC with the job.</summary>
    public string? Program { get; set; }

    /// <summary>The work instructions shown at the station while it runs (plain text).</summary>
    public string? Instructions { get; set; }

    /// <summary>A link (http or https) to the full work instructions.</summary>
    public string? InstructionsUrl { get; set; }
}
