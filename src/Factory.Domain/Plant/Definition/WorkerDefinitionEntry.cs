namespace Factory.Domain.Plant.Definition;

/// <summary>One worker of the plant definition file.</summary>
public sealed class WorkerDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Skill → level (1–5).</summary>
    public Dictionary<string, int> Skills { get; set; } = [];

    public List<CertificationDefinitionEntry> Certifications { get; set; } = [];

    public string Shift { get; set; } = "day";

    public bool ClockedIn { get; set; }

    /// <summary>Where notifications for "on shift with skill X" reach the worker; none leaves the worker out of them.</summary>
    public string? Email { get; set; }
}
