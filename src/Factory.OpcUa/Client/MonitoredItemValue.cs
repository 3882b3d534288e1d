using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Client;

/// <summary>One data-change notification: which item, the value with status and timestamps, and the message it came in.</summary>
public readonly record struct MonitoredItemValue(uint ClientHandle, NodeId NodeId, DataValue Value, uint SequenceNumber);
