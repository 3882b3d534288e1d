namespace Factory.OpcUa.Encoding;

/// <summary>
/// A structure wrapped with its encoding id. Known types hold the decoded <see cref="Body"/>;
/// unknown ones keep the raw <see cref="RawBody"/> bytes so nothing is lost.
/// </summary>
public sealed class ExtensionObject
{
    /// <summary>An ExtensionObject holding a known structure.</summary>
    public ExtensionObject(IEncodeable body)
    {
        ArgumentNullException.ThrowIfNull(body);
        TypeId = body.BinaryEncodingId;
        Encoding = ExtensionObjectEncoding.Binary;
        Body = body;
    }

    /// <summary>An ExtensionObject with raw bytes (binary) or UTF-8 XML.</summary>
    public ExtensionObject(NodeId typeId, ExtensionObjectEncoding encoding, byte[]? rawBody)
    {
        ArgumentNullException.ThrowIfNull(typeId);
        TypeId = typeId;
        Encoding = encoding;
        RawBody = rawBody;
    }

    /// <summary>The null ExtensionObject (no type, no body).</summary>
    public static ExtensionObject Null { get; } = new(NodeId.Null, ExtensionObjectEncoding.None, null);

    /// <summary>The encoding id (or the data type id when there is no body).</summary>
    public NodeId TypeId { get; }

    public ExtensionObjectEncoding Encoding { get; }

    /// <summary>The decoded structure, when the type was known to the registry.</summary>
    public IEncodeable? Body { get; }

    /// <summary>The undecoded bytes, when the type was unknown (or XML).</summary>
    public byte[]? RawBody { get; }

    public bool IsNull => TypeId.IsNull && Encoding == ExtensionObjectEncoding.None;

    /// <inheritdoc />
    public override string ToString() => Body?.GetType().Name ?? $"ExtensionObject({TypeId}, {RawBody?.Length ?? 0} bytes)";
}
