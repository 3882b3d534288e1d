using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Factory.Domain.Limits;
using Factory.Domain.Plant;

namespace Factory.Domain.Oee;

/// <summary>A planned stop (break, planned maintenance) for a machine, a line or a whole site.</summary>
/// <param name="ScopeId">The machine, line or site id the stop applies to.</param>
public sealed record PlannedStop(string ScopeId, PlannedStopKind Kind, DateTimeOffset Start, DateTimeOffset End, string? Note = null)
{
    public TimeRange Range => new(Start, End);

    /// <summary>
    /// The stop's id: a digest of what it is, so the same stop has the same id on every machine of a line and after a
    /// restart, and stops recorded before ids existed have one too.
    /// </summary>
    public string Id
    {
        get
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{ScopeId}|{(int)Kind}|{Start.UtcTicks}|{End.UtcTicks}|{Note}");
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
        }
    }

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

        foreach (var problem in new[] { TimeLimits.Check(Start, "planned stop start"), TimeLimits.Check(End, "planned stop end") })
        {
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (End <= Start)
        {
            problems.Add($"planned stop ends ({End:O}) at or before it starts ({Start:O})");
        }
        else if (End - Start > TimeLimits.LongestPlannedStop)
        {
            problems.Add($"a planned stop lasts at most {TimeLimits.LongestPlannedStop.TotalDays} days");
        }

        if (Note is { Length: > TextLimits.NoteLength })
        {
            problems.Add($"a planned stop's note is at most {TextLimits.NoteLength} characters");
        }

        if (!Enum.IsDefined(Kind))
        {
            problems.Add($"unknown planned stop kind {(int)Kind}");
        }

        return problems;
    }
}
