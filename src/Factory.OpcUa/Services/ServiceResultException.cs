using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Services;

/// <summary>A Bad status from a service call, a ServiceFault, a transport Error message or a local failure.</summary>
public sealed class ServiceResultException : Exception
{
    public ServiceResultException(StatusCode statusCode, string? message = null, Exception? innerException = null)
        : base(Describe(statusCode, message), innerException)
    {
        StatusCode = statusCode;
    }

    public ServiceResultException()
        : this(new StatusCode(StatusCodes.BadUnexpectedError))
    {
    }

    public ServiceResultException(string message)
        : this(new StatusCode(StatusCodes.BadUnexpectedError), message)
    {
    }

    public ServiceResultException(string message, Exception innerException)
        : this(new StatusCode(StatusCodes.BadUnexpectedError), message, innerException)
    {
    }

    /// <summary>True when the server reported the status (ServiceFault or response header), false for local failures such as a timeout.</summary>
    public bool ReportedByServer { get; init; }

    /// <summary>The status code; its <see cref="Encoding.StatusCode.Name"/> appears in the message.</summary>
    public StatusCode StatusCode { get; }

    private static string Describe(StatusCode code, string? message) =>
        string.IsNullOrEmpty(message) ? code.Name : $"{code.Name}: {message}";
}
