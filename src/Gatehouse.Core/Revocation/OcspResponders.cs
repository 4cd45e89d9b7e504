using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Revocation;

/// <summary>The OCSP responder URLs a certificate names in its Authority Information Access extension.</summary>
public static class OcspResponders
{
    /// <summary>The http(s) OCSP URLs of <paramref name="certificate"/>, in order; empty when it names none.</summary>
    public static IReadOnlyList<Uri> Of(X509Certificate2 certificate)
    {
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        if (aia is null) return [];
        try
        {
            return [.. aia.EnumerateOcspUris()
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
                .OfType<Uri>()
                .Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }
}
