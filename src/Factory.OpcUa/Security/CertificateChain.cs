using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Security;

/// <summary>Helpers for the DER certificate blobs of OPC UA, which may hold a whole chain back to back.</summary>
public static class CertificateChain
{
    /// <summary>The first (leaf) certificate of a concatenated DER chain.</summary>
    public static byte[] First(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        if (der.Length < 4 || der[0] != 0x30)
        {
            return der;
        }

        int length;
        int header;
        if (der[1] < 0x80)
        {
            length = der[1];
            header = 2;
        }
        else
        {
            var count = der[1] & 0x7F;
            if (count is 0 or > 4 || der.Length < 2 + count)
            {
                return der;
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | der[2 + i];
            }

            header = 2 + count;
        }

        var total = header + length;
        return total > 0 && total < der.Length ? der[..total] : der;
    }

    /// <summary>Loads the leaf certificate, with a BadCertificateInvalid error instead of a crypto exception.</summary>
    public static X509Certificate2 Load(byte[]? der, string whose)
    {
        if (der is null || der.Length == 0)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), $"The {whose} sent no certificate.");
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(First(der));
        }
        catch (CryptographicException ex)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), $"The {whose} certificate cannot be parsed: {ex.Message}", ex);
        }
    }

    /// <summary>The SHA-1 thumbprint of the leaf certificate, as OPC UA's ReceiverCertificateThumbprint.</summary>
    public static byte[] Thumbprint(byte[] der) => SHA1.HashData(First(der));
}
