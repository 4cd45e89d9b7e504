using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// The HTTP client that talks to one issuer's CA: the system trust store, or only the issuer's <c>ca_certificate</c>
/// anchors when it has them (a private CA). Chains are built offline either way, and the name must match.
/// </summary>
internal static class IssuerHttp
{
    public static HttpClient Create(IssuerRecord issuer)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            AllowAutoRedirect = false,
        };
        if (issuer.CaCertificate is { } pem)
        {
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPem(pem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 leaf && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) && ChainsTo(leaf, anchors);
        }
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    private static bool ChainsTo(X509Certificate2 leaf, X509Certificate2Collection anchors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(leaf);
    }
}
