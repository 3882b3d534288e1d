using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Security;

/// <summary>
/// A PKI folder laid out as other OPC UA stacks do: <c>own/certs</c> and <c>own/private</c> (this application's
/// certificate and key, created on first use), <c>trusted/certs</c> (peers and CAs we trust), <c>issuers/certs</c>
/// (intermediate CAs that are not trusted by themselves) and <c>rejected/</c> (peers we refused, kept so an operator
/// can review them and move them to <c>trusted/certs</c>). Nothing is trusted automatically unless
/// <see cref="TrustOnFirstUse"/> is set.
/// </summary>
public sealed class CertificateStore
{
    private readonly object _lock = new();

    /// <summary>Opens (and creates the folders of) a PKI store.</summary>
    public CertificateStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        foreach (var folder in new[] { OwnCertificates, OwnPrivate, TrustedCertificates, IssuerCertificates, Rejected })
        {
            Directory.CreateDirectory(folder);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(OwnPrivate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The PKI folder.</summary>
    public string Root { get; }

    /// <summary>When true, an unknown peer certificate is trusted (and copied to trusted/certs) the first time it is seen. For development only.</summary>
    public bool TrustOnFirstUse { get; init; }

    public string OwnCertificates => Path.Combine(Root, "own", "certs");

    public string OwnPrivate => Path.Combine(Root, "own", "private");

    public string TrustedCertificates => Path.Combine(Root, "trusted", "certs");

    public string IssuerCertificates => Path.Combine(Root, "issuers", "certs");

    public string Rejected => Path.Combine(Root, "rejected");

    /// <summary>
    /// The application certificate in own/, created (self-signed) when there is none, when it has expired or when
    /// it does not carry <paramref name="applicationUri"/>.
    /// </summary>
    public X509Certificate2 GetOrCreateApplicationCertificate(string applicationName, string applicationUri, IEnumerable<string> hostNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationName);
        ArgumentException.ThrowIfNullOrEmpty(applicationUri);
        var name = FileName(applicationName);
        var pfx = Path.Combine(OwnPrivate, name + ".pfx");
        lock (_lock)
        {
            if (File.Exists(pfx))
            {
                var existing = X509CertificateLoader.LoadPkcs12FromFile(pfx, null, X509KeyStorageFlags.Exportable);
                if (existing.NotAfter > DateTime.UtcNow && ApplicationCertificate.ApplicationUris(existing).Contains(applicationUri))
                {
                    return existing;
                }

                existing.Dispose();
            }

            var created = ApplicationCertificate.CreateSelfSigned(applicationName, applicationUri, hostNames);
            WritePrivate(pfx, created.Export(X509ContentType.Pkcs12));
            File.WriteAllBytes(Path.Combine(OwnCertificates, name + ".der"), created.RawData);
            return created;
        }
    }

    /// <summary>
    /// Accepts a peer certificate that is in trusted/ (itself, or issued by a CA there) and valid now; otherwise
    /// copies it to rejected/ and throws a <see cref="ServiceResultException"/> that says why and what to do.
    /// Matches <see cref="Client.OpcUaClientOptions.ServerCertificateValidator"/>.
    /// </summary>
    public void ValidateServerCertificate(byte[] certificate, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var leaf = CertificateChain.Load(certificate, "server");
        Validate(leaf, $"server {endpoint}");
    }

    /// <summary>As <see cref="ValidateServerCertificate"/>, for a peer described by <paramref name="peer"/> (e.g. "client urn:x").</summary>
    public void Validate(X509Certificate2 leaf, string peer)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var now = DateTime.Now;
        if (now < leaf.NotBefore || now > leaf.NotAfter)
        {
            throw new ServiceResultException(
                new StatusCode(StatusCodes.BadCertificateTimeInvalid),
                $"The certificate of {peer} ('{leaf.Subject}', thumbprint {leaf.Thumbprint}) is valid from {leaf.NotBefore.ToUniversalTime():u} to {leaf.NotAfter.ToUniversalTime():u}, not now.");
        }

        lock (_lock)
        {
            if (IsTrusted(leaf))
            {
                return;
            }

            if (TrustOnFirstUse)
            {
                Trust(leaf);
                return;
            }

            var rejected = Path.Combine(Rejected, CertificateFileName(leaf));
            File.WriteAllBytes(rejected, leaf.RawData);
            throw new ServiceResultException(
                new StatusCode(StatusCodes.BadCertificateUntrusted),
                $"The certificate of {peer} ('{leaf.Subject}', thumbprint {leaf.Thumbprint}) is not trusted. It was saved as {rejected}; " +
                $"if it is the right one, move it to {TrustedCertificates} and connect again.");
        }
    }

    /// <summary>Trusts a certificate (copies it to trusted/certs and removes it from rejected/).</summary>
    public void Trust(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_lock)
        {
            var file = CertificateFileName(certificate);
            File.WriteAllBytes(Path.Combine(TrustedCertificates, file), certificate.RawData);
            File.Delete(Path.Combine(Rejected, file));
        }
    }

    /// <summary>The certificates in trusted/certs.</summary>
    public IReadOnlyList<X509Certificate2> TrustedList() => LoadAll(TrustedCertificates);

    /// <summary>The certificates in rejected/.</summary>
    public IReadOnlyList<X509Certificate2> RejectedList() => LoadAll(Rejected);

    private bool IsTrusted(X509Certificate2 leaf)
    {
        var trusted = LoadAll(TrustedCertificates);
        try
        {
            if (trusted.Any(t => t.RawData.AsSpan().SequenceEqual(leaf.RawData)))
            {
                return true;
            }

            // Issued by a trusted CA (through intermediates in issuers/): a chain that ends at a trusted root.
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted.Where(t => t.Subject != leaf.Subject || !t.RawData.AsSpan().SequenceEqual(leaf.RawData)).ToArray());
            var issuers = LoadAll(IssuerCertificates);
            chain.ChainPolicy.ExtraStore.AddRange(issuers.ToArray());
            var built = chain.Build(leaf) && chain.ChainElements.Count > 1;
            foreach (var issuer in issuers)
            {
                issuer.Dispose();
            }

            return built;
        }
        finally
        {
            foreach (var t in trusted)
            {
                t.Dispose();
            }
        }
    }

    private static List<X509Certificate2> LoadAll(string folder)
    {
        var list = new List<X509Certificate2>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            try
            {
                list.Add(X509CertificateLoader.LoadCertificateFromFile(file));
            }
            catch (CryptographicException)
            {
                // Not a certificate (a note, a CRL): skipped rather than failing every connection.
            }
        }

        return list;
    }

    private static string CertificateFileName(X509Certificate2 certificate) =>
        $"{FileName(certificate.GetNameInfo(X509NameType.SimpleName, false))} [{certificate.Thumbprint}].der";

    private static string FileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(name.Select(c => invalid.Contains(c) || c is '[' or ']' ? '_' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "certificate" : cleaned;
    }

    private static void WritePrivate(string path, byte[] content)
    {
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllBytes(path, content);
            return;
        }

        // The key file is readable by this user only, from the moment it exists.
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(content);
    }
}
