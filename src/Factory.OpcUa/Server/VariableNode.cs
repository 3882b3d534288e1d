using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>
/// A variable with a typed value. The owner (e.g. the simulator) sets values with their source timestamp; each
/// change goes straight to the monitored items watching the node, without any polling.
/// </summary>
public sealed class VariableNode : UaNode
{
    /// <summary>AccessLevel bit: the current value can be read.</summary>
    public const byte CurrentRead = 0x01;

    /// <summary>AccessLevel bit: the current value can be written.</summary>
    public const byte CurrentWrite = 0x02;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private DataValue _value;
    private ServerMonitoredItem[] _monitors = [];

    internal VariableNode(
        NodeId nodeId, QualifiedName browseName, LocalizedText displayName, BuiltInType dataType, Variant initial,
        byte accessLevel, TimeProvider time, NodeId? typeDefinition = null)
        : base(nodeId, NodeClass.Variable, browseName, displayName, typeDefinition ?? new NodeId(63u))
    {
        BuiltInType = dataType;
        DataType = new NodeId((uint)dataType);
        AccessLevel = accessLevel;
        _time = time;
        var now = time.GetUtcNow().UtcDateTime;
        _value = new DataValue(initial, StatusCode.Good, now, now);
    }

    /// <summary>The built-in type every value of this variable has (writes of another type are refused).</summary>
    public BuiltInType BuiltInType { get; }

    /// <summary>The DataType attribute (the built-in type's node).</summary>
    public NodeId DataType { get; internal init; }

    /// <summary>-1: scalar.</summary>
    public int ValueRank { get; init; } = -1;

    public byte AccessLevel { get; }

    /// <summary>Called for client writes of the Value; null lets writes of the right type through unchanged.</summary>
    public VariableWriteHandler? WriteHandler { get; set; }

    /// <summary>Produces the value at read time instead of the stored one (e.g. the server's CurrentTime).</summary>
    internal Func<DataValue>? Source { get; init; }

    /// <summary>The current value with its status and timestamps.</summary>
    public DataValue Value
    {
        get
        {
            if (Source is { } source)
            {
                return source();
            }

            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Sets a Good value stamped with <paramref name="sourceTimestamp"/> and reports it to monitored items.</summary>
    public void SetValue(Variant value, DateTime sourceTimestamp) => SetValue(value, sourceTimestamp, StatusCode.Good);

    /// <summary>Sets a value with a status and reports it to monitored items.</summary>
    public void SetValue(Variant value, DateTime sourceTimestamp, StatusCode status)
    {
        var data = new DataValue(value, status, sourceTimestamp, _time.GetUtcNow().UtcDateTime);
        ServerMonitoredItem[] monitors;
        lock (_gate)
        {
            _value = data;
            monitors = _monitors;
        }

        foreach (var monitor in monitors)
        {
            monitor.OnValue(data);
        }
    }

    internal void Attach(ServerMonitoredItem item)
    {
        lock (_gate)
        {
            _monitors = [.. _monitors, item];
        }
    }

    internal void Detach(ServerMonitoredItem item)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_monitors, item);
            if (index >= 0)
            {
                _monitors = [.. _monitors[..index], .. _monitors[(index + 1)..]];
            }
        }
    }
}
