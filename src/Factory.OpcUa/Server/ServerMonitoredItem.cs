using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>
/// A data-change monitored item: values reported by the node pass the filter into a bounded queue, and the
/// item tells its subscription once when the queue turns non-empty, so publishing touches only changed items.
/// </summary>
internal sealed class ServerMonitoredItem
{
    private readonly object _gate = new();
    private readonly Queue<DataValue> _queue = new();
    private DataValue? _lastReported;
    private bool _signalled;

    public ServerMonitoredItem(uint id, ServerSubscription subscription, VariableNode node, uint attributeId)
    {
        Id = id;
        Subscription = subscription;
        Node = node;
        AttributeId = attributeId;
    }

    public uint Id { get; }

    public ServerSubscription Subscription { get; }

    public VariableNode Node { get; }

    public uint AttributeId { get; }

    public uint ClientHandle { get; set; }

    public MonitoringMode Mode { get; set; }

    public TimestampsToReturn Timestamps { get; set; }

    public double SamplingInterval { get; set; }

    public int QueueSize { get; set; } = 1;

    public bool DiscardOldest { get; set; } = true;

    public DataChangeTrigger Trigger { get; set; } = DataChangeTrigger.StatusValue;

    /// <summary>Absolute deadband; 0 reports every change.</summary>
    public double Deadband { get; set; }

    /// <summary>Called by the node on every value change (any thread).</summary>
    public void OnValue(DataValue value)
    {
        if (Mode != MonitoringMode.Reporting)
        {
            return;
        }

        lock (_gate)
        {
            if (_lastReported is { } last && !Passes(last, value))
            {
                return;
            }

            _lastReported = value;
            if (_queue.Count >= QueueSize)
            {
                if (!DiscardOldest)
                {
                    return;
                }

                _queue.Dequeue();
            }

            _queue.Enqueue(value);
            if (_signalled)
            {
                return;
            }

            _signalled = true;
        }

        Subscription.Signal(this);
    }

    /// <summary>Queues the current value regardless of the filter (creation, mode change, transfer).</summary>
    public void QueueCurrent()
    {
        lock (_gate)
        {
            _lastReported = null;
        }

        OnValue(Node.Value);
    }

    /// <summary>Moves the queued values into notifications; false when the item had nothing.</summary>
    public void Drain(List<MonitoredItemNotification> into, int max)
    {
        lock (_gate)
        {
            while (_queue.Count > 0 && into.Count < max)
            {
                into.Add(new MonitoredItemNotification { ClientHandle = ClientHandle, Value = Stamp(_queue.Dequeue()) });
            }

            _signalled = _queue.Count > 0;
            if (_signalled)
            {
                Subscription.Signal(this);
            }
        }
    }

    /// <summary>Drops values above a smaller queue size.</summary>
    public void Trim()
    {
        lock (_gate)
        {
            while (_queue.Count > QueueSize)
            {
                _queue.Dequeue();
            }
        }
    }

    private bool Passes(DataValue last, DataValue value)
    {
        if (last.StatusCode != value.StatusCode)
        {
            return true;
        }

        if (Trigger == DataChangeTrigger.Status)
        {
            return false;
        }

        if (Trigger == DataChangeTrigger.StatusValueTimestamp && last.SourceTimestamp != value.SourceTimestamp)
        {
            return true;
        }

        if (Deadband > 0 && last.Value.TryGetDouble(out var a) && value.Value.TryGetDouble(out var b))
        {
            return Math.Abs(a - b) > Deadband;
        }

        return !last.Value.Equals(value.Value);
    }

    private DataValue Stamp(DataValue value) => Timestamps switch
    {
        TimestampsToReturn.Source => new DataValue(value.Value, value.StatusCode, value.SourceTimestamp),
        TimestampsToReturn.Server => new DataValue(value.Value, value.StatusCode, default, value.ServerTimestamp),
        TimestampsToReturn.Neither => new DataValue(value.Value, value.StatusCode),
        _ => value,
    };
}
