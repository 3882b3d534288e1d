namespace Factory.OpcUa.Encoding;

/// <summary>The kind of identifier a <see cref="NodeId"/> carries.</summary>
public enum NodeIdType : byte
{
    Numeric = 0,
    String = 1,
    Guid = 2,
    Opaque = 3,
}
