using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Security;

namespace Factory.Connectivity;

/// <summary>
/// The identity the connectors show OPC UA servers and the trust list they judge servers by: one application
/// certificate (created in the PKI folder on first start) for every endpoint.
/// </summary>
/// <param name="Store">The PKI folder (own, trusted, issuers, rejected).</param>
/// <param name="Certificate">The application certificate with its private key.</param>
/// <param name="ApplicationUri">The ApplicationUri in the certificate, sent in CreateSession.</param>
public sealed record OpcUaSecurity(CertificateStore Store, X509Certificate2 Certificate, string ApplicationUri)
{
    /// <summary>The ApplicationUri the connectors use unless configured otherwise.</summary>
    public const string DefaultApplicationUri = "urn:factory:connectors";

    /// <summary>Opens the PKI folder and gets (or on first start creates) the connectors' application certificate.</summary>
    /// <param name="pkiDirectory">The PKI folder, e.g. data/pki.</param>
    /// <param name="trustServersOnFirstUse">Trusts unknown servers the first time they are seen: for development only.</param>
    /// <param name="applicationUri">The ApplicationUri; <see cref="DefaultApplicationUri"/> when null.</param>
    public static OpcUaSecurity Open(string pkiDirectory, bool trustServersOnFirstUse, string? applicationUri = null)
    {
        var uri = applicationUri ?? DefaultApplicationUri;
        var store = new CertificateStore(pkiDirectory) { TrustOnFirstUse = trustServersOnFirstUse };
        var host = System.Net.Dns.GetHostName();
        var certificate = store.GetOrCreateApplicationCertificate("Factory connectors", uri, [host, "localhost"]);
        return new OpcUaSecurity(store, certificate, uri);
    }
}
