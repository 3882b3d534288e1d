using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>What to monitor and how: sampling interval, queue size and data-change filter.</summary>
public sealed record MonitoredItemOptions(NodeId NodeId)
{
    public uint AttributeId { get; init; } = Attributes.Value;

    /// <summary>Milliseconds; −1 uses the publishing interval, 0 asks for the fastest (exception-based) sampling.</summary>
    public double SamplingInterval { get; init; } = -1;

    public uint QueueSize { get; init; } = 1;

    public bool DiscardOldest { get; init; } = true;

    public MonitoringMode MonitoringMode { get; init; } = MonitoringMode.Reporting;

    public DataChangeTrigger Trigger { get; init; } = DataChangeTrigger.StatusValue;

    public Deadband Deadband { get; init; } = Deadband.None;

    public double DeadbandValue { get; init; }

    internal ExtensionObject BuildFilter() =>
        Deadband == Deadband.None && Trigger == DataChangeTrigger.StatusValue
            ? ExtensionObject.Null
            : new ExtensionObject(new DataChangeFilter { Trigger = Trigger, DeadbandType = (uint)Deadband, DeadbandValue = DeadbandValue });
}
