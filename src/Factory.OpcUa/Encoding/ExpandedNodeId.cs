using System.Globalization;

namespace Factory.OpcUa.Encoding;

/// <summary>A <see cref="NodeId"/> that may name its namespace by URI and live on another server.</summary>
public sealed class ExpandedNodeId : IEquatable<ExpandedNodeId>
{
    /// <summary>Wraps a local NodeId.</summary>
    public ExpandedNodeId(NodeId nodeId, string? namespaceUri = null, uint serverIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        NodeId = nodeId;
        NamespaceUri = namespaceUri;
        ServerIndex = serverIndex;
    }

    /// <summary>The null ExpandedNodeId.</summary>
    public static ExpandedNodeId Null { get; } = new(NodeId.Null);

    public NodeId NodeId { get; }

    /// <summary>When set, it replaces the namespace index of <see cref="NodeId"/>.</summary>
    public string? NamespaceUri { get; }

    /// <summary>0 for the local server.</summary>
    public uint ServerIndex { get; }

    public bool IsNull => NodeId.IsNull && NamespaceUri is null && ServerIndex == 0;

    public static implicit operator ExpandedNodeId(NodeId nodeId) => new(nodeId);

    public static bool operator ==(ExpandedNodeId? left, ExpandedNodeId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ExpandedNodeId? left, ExpandedNodeId? right) => !(left == right);

    /// <inheritdoc />
    public bool Equals(ExpandedNodeId? other) =>
        other is not null && other.ServerIndex == ServerIndex
        && string.Equals(other.NamespaceUri, NamespaceUri, StringComparison.Ordinal) && other.NodeId.Equals(NodeId);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExpandedNodeId);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NodeId, NamespaceUri, ServerIndex);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = NodeId.ToString();
        if (NamespaceUri is not null)
        {
            var local = NodeId.NamespaceIndex == 0 ? text : text[(text.IndexOf(';', StringComparison.Ordinal) + 1)..];
            text = $"nsu={NamespaceUri};{local}";
        }

        return ServerIndex == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"svr={ServerIndex};{text}");
    }
}
