using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Server;

/// <summary>One reference of a node: its type, direction and the node at the other end.</summary>
public readonly record struct NodeReference(NodeId ReferenceTypeId, bool IsForward, NodeId TargetId);
