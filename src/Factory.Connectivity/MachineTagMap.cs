namespace Factory.Connectivity;

/// <summary>Which tags carry a machine's state and values, and where its commands are written.</summary>
/// <param name="StateTable">The source's own state names and numbers → PackML state (defaults to PackML names and PackTags numbering).</param>
/// <param name="CommandTable">For numeric command nodes: command → number (defaults to PackTags CntrlCmd numbering).</param>
/// <param name="Extra">Any further named tag, shown as text.</param>
/// <param name="Job">Where the PLC takes its job and reports the job it runs; null when the host does not hand it jobs.</param>
/// <param name="Heartbeat">
/// A tag the PLC changes while it runs. When mapped, the machine is Stale only when the heartbeat stops: an idle or
/// stopped machine whose values rightly stay the same is not mistaken for one whose data stopped.
/// </param>
public sealed record MachineTagMap(
    string MachineId,
    TagReference? State = null,
    StateEncoding StateEncoding = StateEncoding.Name,
    PlcStateTable? StateTable = null,
    TagReference? Mode = null,
    TagReference? Produced = null,
    TagReference? Good = null,
    TagReference? Scrap = null,
    TagReference? Speed = null,
    TagReference? Setpoint = null,
    IReadOnlyDictionary<string, TagReference>? Temperatures = null,
    IReadOnlyDictionary<string, TagReference>? Alarms = null,
    IReadOnlyDictionary<string, TagReference>? Extra = null,
    TagReference? Command = null,
    StateEncoding CommandEncoding = StateEncoding.Number,
    IReadOnlyDictionary<PackMlCommand, int>? CommandTable = null,
    TagReference? SpeedSetpointWrite = null,
    TagReference? Heartbeat = null,
    JobTags? Job = null)
{
    /// <summary>Every subscribed tag with its meaning and name.</summary>
    public IEnumerable<(TagKind Kind, string Name, TagReference Reference)> Tags()
    {
        (TagKind, string, TagReference?)[] singles =
        [
            (TagKind.State, "state", State), (TagKind.Mode, "mode", Mode), (TagKind.Produced, "produced", Produced),
            (TagKind.Good, "good", Good), (TagKind.Scrap, "scrap", Scrap), (TagKind.Speed, "speed", Speed), (TagKind.Setpoint, "setpoint", Setpoint),
            (TagKind.Heartbeat, "heartbeat", Heartbeat), (TagKind.JobId, "jobId", Job?.Id), (TagKind.JobComplete, "jobComplete", Job?.Complete),
            (TagKind.JobGood, "jobGood", Job?.Good),
        ];
        foreach (var (kind, name, reference) in singles)
        {
            if (reference is not null)
            {
                yield return (kind, name, reference);
            }
        }

        foreach (var (group, kind) in new[] { (Temperatures, TagKind.Temperature), (Alarms, TagKind.Alarm), (Extra, TagKind.Extra) })
        {
            foreach (var (name, reference) in group ?? ImmutableDictionary<string, TagReference>.Empty)
            {
                yield return (kind, name, reference);
            }
        }
    }
}
