namespace Factory.Domain.Plant.Definition;

/// <summary>
/// A machine's tag map: each value is a NodeId (<c>ns=2;s=CNC-01.State</c>) or a browse path from Root
/// (<c>/Objects/2:Plant/2:CNC-01/2:State</c>).
/// </summary>
public sealed class TagMapEntry
{
    public string? State { get; set; }

    /// <summary>"name" (state names) or "number" (PackTags numbers, or <see cref="StateTable"/>).</summary>
    public string StateEncoding { get; set; } = "name";

    /// <summary>
    /// The PLC's own state values → PackML state name, by name or number: <c>{"Running": "Execute", "Fault": "Aborted"}</c>
    /// or <c>{"1": "Execute"}</c>. PackML names always mean themselves; a table with numbers replaces PackTags numbering.
    /// </summary>
    public Dictionary<string, string>? StateTable { get; set; }

    public string? Mode { get; set; }

    public string? Produced { get; set; }

    public string? Good { get; set; }

    public string? Scrap { get; set; }

    public string? Speed { get; set; }

    public string? Setpoint { get; set; }

    public Dictionary<string, string>? Temperatures { get; set; }

    public Dictionary<string, string>? Alarms { get; set; }

    public Dictionary<string, string>? Extra { get; set; }

    /// <summary>Where PackML commands are written.</summary>
    public string? Command { get; set; }

    /// <summary>"number" (CntrlCmd numbers) or "name".</summary>
    public string CommandEncoding { get; set; } = "number";

    /// <summary>Where a new speed setpoint is written (defaults to <see cref="Setpoint"/>).</summary>
    public string? SetpointWrite { get; set; }

    /// <summary>A tag the PLC changes while it runs; when given, the machine is Stale only when it stops changing.</summary>
    public string? Heartbeat { get; set; }

    /// <summary>Where the PLC takes its job and reports the job it runs; without it the host only counts parts against its jobs.</summary>
    public JobTagsEntry? Job { get; set; }
}
