using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>A node of the server's address space (objects and folders; variables are <see cref="VariableNode"/>).</summary>
public class UaNode
{
    private readonly List<NodeReference> _references = [];

    internal UaNode(NodeId nodeId, NodeClass nodeClass, QualifiedName browseName, LocalizedText displayName, NodeId typeDefinition)
    {
        NodeId = nodeId;
        NodeClass = nodeClass;
        BrowseName = browseName;
        DisplayName = displayName;
        TypeDefinition = typeDefinition;
    }

    public NodeId NodeId { get; }

    public NodeClass NodeClass { get; }

    public QualifiedName BrowseName { get; }

    public LocalizedText DisplayName { get; }

    /// <summary>The type definition (FolderType, BaseDataVariableType...); shown in browse results.</summary>
    public NodeId TypeDefinition { get; }

    /// <summary>A copy of the node's references.</summary>
    public NodeReference[] References
    {
        get
        {
            lock (_references)
            {
                return [.. _references];
            }
        }
    }

    internal void AddReference(NodeReference reference)
    {
        lock (_references)
        {
            _references.Add(reference);
        }
    }
}
