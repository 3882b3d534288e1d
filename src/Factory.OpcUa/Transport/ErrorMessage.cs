using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Transport;

/// <summary>The ERR message (and the body of an aborted chunk): a status code and a reason.</summary>
public sealed record ErrorMessage(StatusCode Error, string? Reason)
{
    public void Encode(UaWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStatusCode(Error);
        writer.WriteString(Reason);
    }

    public static ErrorMessage Decode(ref UaReader reader) => new(reader.ReadStatusCode(), reader.ReadString());
}
