namespace Factory.OpcUa.Encoding;

/// <summary>The single error raised for malformed, truncated or over-limit UA Binary input.</summary>
public sealed class UaDecodingException : Exception
{
    /// <summary>Creates the error with the status code that describes it (BadDecodingError unless told).</summary>
    public UaDecodingException(string message, uint statusCode = StatusCodes.BadDecodingError)
        : base(message)
    {
        StatusCode = new StatusCode(statusCode);
    }

    public UaDecodingException()
        : this("The UA Binary input is malformed.")
    {
    }

    public UaDecodingException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = new StatusCode(StatusCodes.BadDecodingError);
    }

    /// <summary>BadDecodingError, BadEncodingLimitsExceeded or another Bad code.</summary>
    public StatusCode StatusCode { get; }
}
