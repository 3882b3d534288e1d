namespace Factory.Domain.Alarms;

/// <summary>A configured alarm.</summary>
/// <param name="Area">The operator area it is shown in (floods are counted per area).</param>
/// <param name="Source">Where the condition comes from: a tag condition (e.g. "Oven1.Temp &gt; 250") or a PLC alarm bit.</param>
/// <param name="Latched">A latched alarm stays (state Latched) after it clears and is acknowledged, until reset.</param>
/// <param name="MaxShelveDuration">The longest an operator may shelve it for.</param>
/// <param name="ChatterActivations">Activations within <paramref name="ChatterWindow"/> that make it chattering; null uses the site's setting.</param>
public sealed record AlarmDefinition(
    string Id,
    string MachineId,
    string Area,
    string Source,
    AlarmPriority Priority,
    bool Latched,
    string Message,
    TimeSpan? MaxShelveDuration = null,
    int? ChatterActivations = null,
    TimeSpan? ChatterWindow = null)
{
    /// <summary>Shelving limit when the definition gives none.</summary>
    public static TimeSpan DefaultMaxShelveDuration { get; } = TimeSpan.FromHours(8);

    public TimeSpan ShelveLimit => MaxShelveDuration ?? DefaultMaxShelveDuration;

    /// <summary>Every problem with the definition; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Id))
        {
            problems.Add("an alarm needs an id");
        }

        if (string.IsNullOrWhiteSpace(MachineId) || string.IsNullOrWhiteSpace(Area) || string.IsNullOrWhiteSpace(Source))
        {
            problems.Add($"alarm {Id} needs a machine, an area and a source");
        }

        if (!Enum.IsDefined(Priority))
        {
            problems.Add($"alarm {Id} has an unknown priority {(int)Priority}");
        }

        if (MaxShelveDuration is { } max && (max <= TimeSpan.Zero || max > TimeSpan.FromDays(30)))
        {
            problems.Add($"alarm {Id}: the shelving limit must be positive and at most 30 days");
        }

        if (ChatterActivations is < 2 || ChatterWindow is { } w && w <= TimeSpan.Zero)
        {
            problems.Add($"alarm {Id}: chattering needs at least 2 activations in a positive window");
        }

        return problems;
    }
}
