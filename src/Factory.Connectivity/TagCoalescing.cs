using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>
/// What ingest does when it falls behind the plant (#20): rather than queue without limit or apply every stale sample,
/// it keeps only the latest waiting value of each level-like tag (counters, speed, setpoint, temperatures, heartbeat,
/// extra tags), since a newer value of a counter or a level says all an older one did. Every value of a state, mode,
/// alarm or job tag is kept in order: each transition matters (a fault pulse, a job's start), and so does its time.
/// </summary>
public static class TagCoalescing
{
    /// <summary>Whether every value of a tag of this kind must be applied, however far behind ingest is.</summary>
    public static bool KeepsEveryValue(TagKind kind) =>
        kind is TagKind.State or TagKind.Mode or TagKind.Alarm or TagKind.JobId or TagKind.JobComplete or TagKind.JobGood;

    /// <summary>
    /// <paramref name="batch"/> (in arrival order) with older values of level-like tags left out, in the same order;
    /// and how many were left out. A tag is identified by its binding (one per monitored item).
    /// </summary>
    public static (List<(TagBinding Binding, DataValue Value)> Kept, int Dropped) KeepLatest(IReadOnlyList<(TagBinding Binding, DataValue Value)> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var last = new Dictionary<TagBinding, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!KeepsEveryValue(batch[i].Binding.Kind))
            {
                last[batch[i].Binding] = i;
            }
        }

        var kept = new List<(TagBinding, DataValue)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (binding, _) = batch[i];
            if (KeepsEveryValue(binding.Kind) || last[binding] == i)
            {
                kept.Add(batch[i]);
            }
        }

        return (kept, batch.Count - kept.Count);
    }
}
