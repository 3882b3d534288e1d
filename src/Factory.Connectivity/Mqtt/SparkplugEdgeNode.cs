namespace Factory.Connectivity.Mqtt;

/// <summary>
/// What the host knows of one edge node's Sparkplug session: whether it and its devices are born, the bdSeq of its
/// birth, the next sequence number, its metrics by alias and by name, and the sequence numbers still missing.
/// </summary>
internal sealed class SparkplugEdgeNode(string group, string edgeNode)
{
    public string Group { get; } = group;

    public string EdgeNode { get; } = edgeNode;

    public bool Born { get; set; }

    public ulong? BirthSequence { get; set; }

    public DateTimeOffset BornAt { get; set; }

    /// <summary>The sequence number the next message should carry; -1 before the first birth.</summary>
    public int NextSeq { get; set; } = -1;

    public Dictionary<ulong, SparkplugMetricSlot> ByAlias { get; } = [];

    /// <summary>Metrics by name per device ("" for the node's own metrics).</summary>
    public Dictionary<string, Dictionary<string, SparkplugMetricSlot>> Devices { get; } = new(StringComparer.Ordinal);

    /// <summary>Sequence numbers skipped over, waiting for their late arrival until <see cref="GapDeadline"/>.</summary>
    public HashSet<int> Missing { get; } = [];

    public DateTimeOffset? GapDeadline { get; set; }

    public DateTimeOffset? RebirthRequestedAt { get; set; }

    public void Die()
    {
        Born = false;
        NextSeq = -1;
        ByAlias.Clear();
        Devices.Clear();
        Missing.Clear();
        GapDeadline = null;
    }
}
