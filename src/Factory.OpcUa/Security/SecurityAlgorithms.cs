using System.Security.Cryptography;

namespace Factory.OpcUa.Security;

/// <summary>
/// The algorithm suite of one secured SecurityPolicy (OPC 10000-7): how OpenSecureChannel is encrypted and signed,
/// how long the derived symmetric keys are, and the URIs that name the signature and encryption algorithms.
/// Every suite here uses HMAC-SHA256 for symmetric signatures, AES-CBC for symmetric encryption and P_SHA256 to
/// derive keys; they differ in the AES key length and the RSA paddings.
/// </summary>
public sealed record SecurityAlgorithms
{
    /// <summary>http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256.</summary>
    public const string Basic256Sha256Uri = "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256";

    /// <summary>http://opcfoundation.org/UA/SecurityPolicy#Aes128_Sha256_RsaOaep.</summary>
    public const string Aes128Sha256RsaOaepUri = "http://opcfoundation.org/UA/SecurityPolicy#Aes128_Sha256_RsaOaep";

    /// <summary>http://opcfoundation.org/UA/SecurityPolicy#Aes256_Sha256_RsaPss.</summary>
    public const string Aes256Sha256RsaPssUri = "http://opcfoundation.org/UA/SecurityPolicy#Aes256_Sha256_RsaPss";

    private const string RsaSha256Uri = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private const string RsaPssSha256Uri = "http://opcfoundation.org/UA/security/rsa-pss-sha2-256";

    private SecurityAlgorithms(string uri, int encryptingKeyLength, RSAEncryptionPadding encryption, RSASignaturePadding signature, string signatureUri)
    {
        Uri = uri;
        EncryptingKeyLength = encryptingKeyLength;
        AsymmetricEncryption = encryption;
        AsymmetricSignature = signature;
        AsymmetricSignatureUri = signatureUri;
    }

    /// <summary>Basic256Sha256: AES-256-CBC, RSA-OAEP (SHA-1) and RSA-PKCS#1 v1.5 SHA-256 signatures.</summary>
    public static SecurityAlgorithms Basic256Sha256 { get; } = new(Basic256Sha256Uri, 32, RSAEncryptionPadding.OaepSHA1, RSASignaturePadding.Pkcs1, RsaSha256Uri);

    /// <summary>Aes128_Sha256_RsaOaep: AES-128-CBC, RSA-OAEP (SHA-1) and RSA-PKCS#1 v1.5 SHA-256 signatures.</summary>
    public static SecurityAlgorithms Aes128Sha256RsaOaep { get; } = new(Aes128Sha256RsaOaepUri, 16, RSAEncryptionPadding.OaepSHA1, RSASignaturePadding.Pkcs1, RsaSha256Uri);

    /// <summary>Aes256_Sha256_RsaPss: AES-256-CBC, RSA-OAEP (SHA-256) and RSA-PSS SHA-256 signatures.</summary>
    public static SecurityAlgorithms Aes256Sha256RsaPss { get; } = new(Aes256Sha256RsaPssUri, 32, RSAEncryptionPadding.OaepSHA256, RSASignaturePadding.Pss, RsaPssSha256Uri);

    /// <summary>The secured policies this stack implements, most preferred first.</summary>
    public static IReadOnlyList<SecurityAlgorithms> All { get; } = [Aes256Sha256RsaPss, Basic256Sha256, Aes128Sha256RsaOaep];

    public string Uri { get; }

    /// <summary>The short name, e.g. "Basic256Sha256".</summary>
    public string Name => Uri[(Uri.IndexOf('#', StringComparison.Ordinal) + 1)..];

    /// <summary>Length of the derived HMAC-SHA256 signing key (256 bits in all three policies).</summary>
    public int SigningKeyLength => 32;

    /// <summary>Length of the derived AES key.</summary>
    public int EncryptingKeyLength { get; }

    /// <summary>AES block size, also the length of the derived initialization vector.</summary>
    public int BlockSize => 16;

    /// <summary>Length of an HMAC-SHA256 symmetric signature.</summary>
    public int SymmetricSignatureLength => 32;

    /// <summary>Length of the nonces of OpenSecureChannel (SecureChannelNonceLength).</summary>
    public int NonceLength => 32;

    public RSAEncryptionPadding AsymmetricEncryption { get; }

    public RSASignaturePadding AsymmetricSignature { get; }

    /// <summary>The algorithm URI put in SignatureData (CreateSession, ActivateSession).</summary>
    public string AsymmetricSignatureUri { get; }

    /// <summary>The URI of the asymmetric encryption algorithm, as user token EncryptionAlgorithm.</summary>
    public string AsymmetricEncryptionUri => AsymmetricEncryption == RSAEncryptionPadding.OaepSHA256
        ? "http://opcfoundation.org/UA/security/rsa-oaep-sha2-256"
        : "http://www.w3.org/2001/04/xmlenc#rsa-oaep";

    /// <summary>Bytes the asymmetric padding scheme takes from each RSA block (OAEP: 2 × hash length + 2).</summary>
    public int AsymmetricPaddingOverhead => AsymmetricEncryption == RSAEncryptionPadding.OaepSHA256 ? 66 : 42;

    /// <summary>The suite of a policy URI (exact, or the short name such as "Basic256Sha256"); null when not implemented.</summary>
    public static SecurityAlgorithms? Find(string? uriOrName) =>
        All.FirstOrDefault(a => string.Equals(a.Uri, uriOrName, StringComparison.Ordinal) || string.Equals(a.Name, uriOrName, StringComparison.OrdinalIgnoreCase));
}
