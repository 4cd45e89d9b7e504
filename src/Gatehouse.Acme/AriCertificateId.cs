using System.Buffers.Text;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Acme;

/// <summary>
/// The ARI certificate identifier (RFC 9773 §4.1): base64url of the Authority Key Identifier's keyIdentifier, a dot,
/// base64url of the serial number's DER integer value bytes.
/// </summary>
public static class AriCertificateId
{
    /// <summary>The certID, or null when the certificate has no Authority Key Identifier with a key identifier.</summary>
    public static string? For(X509Certificate2 certificate)
    {
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault();
        if (aki?.KeyIdentifier is not { } keyId) return null;
        return Base64Url.EncodeToString(keyId.Span) + "." + Base64Url.EncodeToString(certificate.SerialNumberBytes.Span);
    }
}
