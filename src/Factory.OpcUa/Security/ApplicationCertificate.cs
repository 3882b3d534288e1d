using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Factory.OpcUa.Security;

/// <summary>
/// Creates self-signed OPC UA application instance certificates (Part 6 §6.2.2): RSA 2048 with SHA-256, the
/// ApplicationUri and the host names in the subject alternative name, usable for signing and key encipherment
/// by both a client and a server.
/// </summary>
public static class ApplicationCertificate
{
    /// <summary>Creates a certificate valid from now (minus a day, for clock skew) for <paramref name="validity"/>.</summary>
    /// <param name="applicationName">Goes into the subject's CN.</param>
    /// <param name="applicationUri">The ApplicationUri; peers compare it with the one in CreateSession.</param>
    /// <param name="hostNames">DNS names or IP addresses the application is reached by.</param>
    /// <param name="validity">How long the certificate is valid; five years when null.</param>
    public static X509Certificate2 CreateSelfSigned(string applicationName, string applicationUri, IEnumerable<string> hostNames, TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationName);
        ArgumentException.ThrowIfNullOrEmpty(applicationUri);
        ArgumentNullException.ThrowIfNull(hostNames);
        var hosts = hostNames.Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        if (hosts.Count > 0)
        {
            // domainComponent, as other OPC UA stacks put the host into the subject.
            subject.Add("0.9.2342.19200300.100.1.25", hosts[0], System.Formats.Asn1.UniversalTagNumber.IA5String);
        }

        subject.AddOrganizationName("Factory");
        subject.AddCommonName(applicationName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(applicationUri));
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment
                | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyCertSign,
            true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")],
            false));
        var subjectKeyId = new X509SubjectKeyIdentifierExtension(request.PublicKey, false);
        request.CertificateExtensions.Add(subjectKeyId);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyId));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1), now.AddDays(-1), now + (validity ?? TimeSpan.FromDays(5 * 365)), serial);

        // Re-imported through PKCS#12 so the private key is usable on every platform (an ephemeral key is not, on Windows).
        return X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>The URIs in the subject alternative name (the ApplicationUri is one of them).</summary>
    public static IReadOnlyList<string> ApplicationUris(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return extension is null ? [] : ReadUris(extension.RawData);
    }

    // .NET enumerates DNS names and IP addresses of a SAN but not URIs; a URI is the context tag [6] (0x86).
    private static List<string> ReadUris(byte[] der)
    {
        var uris = new List<string>();
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        while (sequence.HasData)
        {
            var tag = sequence.PeekTag();
            if (tag.TagClass == System.Formats.Asn1.TagClass.ContextSpecific && tag.TagValue == 6)
            {
                uris.Add(sequence.ReadCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, tag));
            }
            else
            {
                sequence.ReadEncodedValue();
            }
        }

        return uris;
    }
}
