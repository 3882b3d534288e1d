using Factory.Connectivity;
using Factory.OpcUa.Security;
using Microsoft.Extensions.Options;

namespace Factory.Host.Plant;

/// <summary>
/// The host's OPC UA certificates under the data folder: <c>pki/connectors</c> (the identity the connectors show
/// PLCs, and the servers they trust) and <c>pki/simulator</c> (the built-in simulator's server). The host and its own
/// simulator trust each other; any other server must be trusted by an operator (moved from rejected/ to
/// trusted/certs) unless <c>Factory:OpcUa:TrustServersOnFirstUse</c> is set, which is for development only.
/// </summary>
public sealed class OpcUaPki(IOptions<FactoryOptions> factory, IConfiguration configuration)
{
    private readonly Lazy<OpcUaSecurity> _connectors = new(() => OpcUaSecurity.Open(
        Path.Combine(factory.Value.DataDirectory, "pki", "connectors"),
        configuration.GetValue("Factory:OpcUa:TrustServersOnFirstUse", false)));

    /// <summary>The connectors' certificate and trust list (created on first use).</summary>
    public OpcUaSecurity Connectors => _connectors.Value;

    /// <summary>The simulator's server certificate and trust list, each side trusting the other.</summary>
    public (System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate, CertificateStore TrustList) Simulator()
    {
        var store = new CertificateStore(Path.Combine(factory.Value.DataDirectory, "pki", "simulator"));
        var certificate = store.GetOrCreateApplicationCertificate("Factory plant simulator", "urn:factory:simulator-server", ["localhost", "127.0.0.1", System.Net.Dns.GetHostName()]);
        store.Trust(Connectors.Certificate);
        Connectors.Store.Trust(certificate);
        return (certificate, store);
    }
}
