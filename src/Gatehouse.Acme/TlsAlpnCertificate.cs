using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gatehouse.Acme;

/// <summary>
/// The self-signed certificate that answers a tls-alpn-01 challenge (RFC 8737 §3): the domain as its only SAN and a
/// critical id-pe-acmeIdentifier extension holding the SHA-256 of the key authorization, served only to clients that
/// offer the <c>acme-tls/1</c> protocol.
/// </summary>
public static class TlsAlpnCertificate
{
    /// <summary>The ALPN protocol of RFC 8737 §6.2.</summary>
    public const string Protocol = "acme-tls/1";

    /// <summary>id-pe-acmeIdentifier (RFC 8737 §6.1).</summary>
    public const string AcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";

    public static X509Certificate2 Create(string domain, string keyAuthorization, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=acme-tls-alpn-01", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        // The extension's value is the DER OCTET STRING of the digest (RFC 8737 §3: Authorization ::= OCTET STRING (SIZE (32))).
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(keyAuthorization));
        request.CertificateExtensions.Add(new X509Extension(AcmeIdentifierOid, [0x04, 0x20, .. digest], critical: true));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
    }

    /// <summary>The digest a certificate carries in its acmeIdentifier extension, or null (for tests and checks).</summary>
    public static byte[]? ReadDigest(X509Certificate2 certificate)
    {
        var raw = certificate.Extensions[AcmeIdentifierOid]?.RawData;
        return raw is { Length: 34 } && raw[0] == 0x04 && raw[1] == 0x20 ? raw[2..] : null;
    }
}
