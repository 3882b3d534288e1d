using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Services;

/// <summary>A service response: an encodeable structure that starts with a <see cref="ResponseHeader"/>.</summary>
public interface IServiceResponse : IEncodeable
{
    /// <summary>The common response parameters (service result, handle, diagnostics).</summary>
    ResponseHeader ResponseHeader { get; set; }
}
