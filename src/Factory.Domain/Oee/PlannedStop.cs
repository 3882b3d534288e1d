using Factory.Domain.Plant;

namespace Factory.Domain.Oee;

/// <summary>A planned stop (break, planned maintenance) for a machine, a line or a whole site.</summary>
/// <param name="ScopeId">The machine, line or site id the stop applies to.</param>
public sealed record PlannedStop(string ScopeId, PlannedStopKind Kind, DateTimeOffset Start, DateTimeOffset End, string? Note = null)
{
    public TimeRange Range => new(Start, End);

    /// <summary>Whether the stop covers <paramref name="machine"/> (named directly, through its line, or through its site).</summary>
    public bool AppliesTo(MachineDefinition machine) =>
        string.Equals(ScopeId, machine.Id, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(ScopeId, machine.LineId, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(ScopeId, machine.SiteId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with the stop; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ScopeId))
        {
            problems.Add("a planned stop needs a machine, line or site id");
        }

        if (End <= Start)
        {
            problems.Add($"planned stop ends ({End:O}) at or before it starts ({Start:O})");
        }

        if (!Enum.IsDefined(Kind))
        {
            problems.Add($"unknown planned stop kind {(int)Kind}");
        }

        return problems;
    }
}
