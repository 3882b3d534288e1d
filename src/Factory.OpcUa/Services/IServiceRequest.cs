using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Services;

/// <summary>A service request: an encodeable structure that starts with a <see cref="RequestHeader"/>.</summary>
public interface IServiceRequest : IEncodeable
{
    /// <summary>The common request parameters (session token, handle, timeout hint).</summary>
    RequestHeader RequestHeader { get; set; }
}
