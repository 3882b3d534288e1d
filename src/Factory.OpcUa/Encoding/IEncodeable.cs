namespace Factory.OpcUa.Encoding;

/// <summary>A structure that encodes itself in UA Binary and can travel inside an ExtensionObject.</summary>
public interface IEncodeable
{
    /// <summary>The NodeId of the DefaultBinary encoding (the id written before the body).</summary>
    NodeId BinaryEncodingId { get; }

    /// <summary>Writes the fields in order.</summary>
    void Encode(UaWriter writer);

    /// <summary>Reads the fields in order, replacing the current values.</summary>
    void Decode(ref UaReader reader);
}
