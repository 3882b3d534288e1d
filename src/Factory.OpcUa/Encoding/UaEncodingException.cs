namespace Factory.OpcUa.Encoding;

/// <summary>Raised when a value cannot be encoded (for example a variant whose array does not match its dimensions).</summary>
public sealed class UaEncodingException : Exception
{
    public UaEncodingException()
    {
    }

    public UaEncodingException(string message)
        : base(message)
    {
    }

    public UaEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
