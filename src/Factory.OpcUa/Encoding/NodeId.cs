using System.Globalization;

namespace Factory.OpcUa.Encoding;

/// <summary>
/// An immutable node identifier: namespace index plus a numeric, string, GUID or opaque identifier.
/// Text form as in Part 6 §5.3.1.10: <c>ns=2;s=Tank.Level</c>, <c>i=85</c>, <c>g=…</c>, <c>b=base64</c>.
/// </summary>
public sealed class NodeId : IEquatable<NodeId>
{
    private readonly uint _numeric;
    private readonly object? _identifier;

    /// <summary>A numeric id.</summary>
    public NodeId(uint value, ushort namespaceIndex = 0)
    {
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Numeric;
        _numeric = value;
    }

    /// <summary>A string id.</summary>
    public NodeId(string value, ushort namespaceIndex)
    {
        ArgumentNullException.ThrowIfNull(value);
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.String;
        _identifier = value;
    }

    /// <summary>A GUID id.</summary>
    public NodeId(Guid value, ushort namespaceIndex)
    {
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Guid;
        _identifier = value;
    }

    /// <summary>An opaque (byte string) id.</summary>
    public NodeId(byte[] value, ushort namespaceIndex)
    {
        ArgumentNullException.ThrowIfNull(value);
        NamespaceIndex = namespaceIndex;
        IdType = NodeIdType.Opaque;
        _identifier = value;
    }

    /// <summary>The null NodeId (ns=0;i=0).</summary>
    public static NodeId Null { get; } = new(0u);

    public ushort NamespaceIndex { get; }

    public NodeIdType IdType { get; }

    /// <summary>True for ns=0;i=0.</summary>
    public bool IsNull => IdType == NodeIdType.Numeric && _numeric == 0 && NamespaceIndex == 0;

    /// <summary>The numeric identifier (0 unless <see cref="IdType"/> is Numeric).</summary>
    public uint NumericIdentifier => _numeric;

    /// <summary>The identifier as an object: uint, string, Guid or byte[].</summary>
    public object Identifier => IdType == NodeIdType.Numeric ? _numeric : _identifier!;

    /// <summary>Parses the text form; throws <see cref="FormatException"/> when malformed.</summary>
    public static NodeId Parse(string text)
    {
        if (!TryParse(text, out var id))
        {
            throw new FormatException($"'{text}' is not a NodeId (expected e.g. ns=2;s=Name, i=85, ns=1;g=GUID, b=BASE64).");
        }

        return id;
    }

    /// <summary>Parses the text form.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NodeId? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        ushort ns = 0;
        if (span.StartsWith("ns=", StringComparison.Ordinal))
        {
            var semi = span.IndexOf(';');
            if (semi < 0 || !ushort.TryParse(span[3..semi], NumberStyles.None, CultureInfo.InvariantCulture, out ns))
            {
                return false;
            }

            span = span[(semi + 1)..];
        }

        if (span.Length < 2 || span[1] != '=')
        {
            return false;
        }

        var body = span[2..];
        switch (span[0])
        {
            case 'i':
                if (uint.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    id = new NodeId(n, ns);
                }

                break;
            case 's':
                id = new NodeId(body.ToString(), ns);
                break;
            case 'g':
                if (Guid.TryParse(body, out var g))
                {
                    id = new NodeId(g, ns);
                }

                break;
            case 'b':
                var buffer = new byte[body.Length];
                if (Convert.TryFromBase64Chars(body, buffer, out var written))
                {
                    id = new NodeId(buffer.AsSpan(0, written).ToArray(), ns);
                }

                break;
        }

        return id is not null;
    }

    public static implicit operator NodeId(uint value) => new(value);

    public static bool operator ==(NodeId? left, NodeId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(NodeId? left, NodeId? right) => !(left == right);

    /// <inheritdoc />
    public bool Equals(NodeId? other)
    {
        if (other is null || other.NamespaceIndex != NamespaceIndex || other.IdType != IdType)
        {
            return false;
        }

        return IdType switch
        {
            NodeIdType.Numeric => other._numeric == _numeric,
            NodeIdType.String => string.Equals((string)_identifier!, (string)other._identifier!, StringComparison.Ordinal),
            NodeIdType.Guid => ((Guid)_identifier!).Equals((Guid)other._identifier!),
            _ => ((byte[])_identifier!).AsSpan().SequenceEqual((byte[])other._identifier!),
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NodeId);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = IdType switch
        {
            NodeIdType.Numeric => (int)_numeric,
            NodeIdType.String => StringComparer.Ordinal.GetHashCode((string)_identifier!),
            NodeIdType.Guid => _identifier!.GetHashCode(),
            _ => ((byte[])_identifier!).Length,
        };
        return HashCode.Combine(NamespaceIndex, IdType, h);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var prefix = NamespaceIndex == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"ns={NamespaceIndex};");
        return IdType switch
        {
            NodeIdType.Numeric => string.Create(CultureInfo.InvariantCulture, $"{prefix}i={_numeric}"),
            NodeIdType.String => $"{prefix}s={_identifier}",
            NodeIdType.Guid => $"{prefix}g={_identifier}",
            _ => $"{prefix}b={Convert.ToBase64String((byte[])_identifier!)}",
        };
    }
}
