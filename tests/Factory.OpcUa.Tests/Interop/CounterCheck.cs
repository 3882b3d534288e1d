using Factory.OpcUa.Client;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>Checks that each counter item's values rise by exactly one: any gap is a lost notification.</summary>
internal sealed class CounterCheck
{
    private readonly Dictionary<uint, int> _last = [];

    public int Count { get; private set; }

    public List<string> Gaps { get; } = [];

    public uint LastSequenceNumber { get; private set; }

    public void Add(MonitoredItemValue value)
    {
        Count++;
        LastSequenceNumber = Math.Max(LastSequenceNumber, value.SequenceNumber);
        if (value.Value.Value.Value is not int current)
        {
            return;
        }

        if (_last.TryGetValue(value.ClientHandle, out var previous) && current != previous + 1 && current > previous)
        {
            Gaps.Add($"item {value.ClientHandle}: {previous} -> {current} (message {value.SequenceNumber})");
        }

        if (!_last.TryGetValue(value.ClientHandle, out previous) || current > previous)
        {
            _last[value.ClientHandle] = current;
        }
    }

    public int ItemsSeen => _last.Count;

    /// <summary>The lowest latest value over all items (to tell that delivery resumed).</summary>
    public int MinLatest => _last.Count == 0 ? 0 : _last.Values.Min();
}
