using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Revocation;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Peer authentication for one SSL object (DESIGN.md §3): the client's certificate must chain to this object's
/// CA set only — custom root trust, never the system store or another object's CA, no downloads, no
/// revocation fetch —, be within its validity, and allow clientAuth when it has an EKU. A missing certificate
/// (also on a resumed session, where .NET passes null) is refused. A certificate its issuer's CRL lists is
/// refused, and with <c>crl_strict</c> every certificate while a CRL is stale (§12).
/// </summary>
internal sealed class ClientCertificateValidator(IReadOnlyList<X509Certificate2> trustedCas, RevocationLists revocation, TimeProvider time)
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly X509Certificate2Collection _roots = new(trustedCas.ToArray());

    /// <summary>The <c>RemoteCertificateValidationCallback</c> of this object's TLS options.</summary>
    public bool Validate(X509Certificate? certificate, X509Chain? presented)
    {
        if (certificate is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var now = time.GetUtcNow();
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        // Intermediates the client sent may complete the path; they are never trusted as roots.
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (!chain.Build(leaf) || chain.ChainStatus.Any(s => s.Status != X509ChainStatusFlags.NoError)) return false;
        return !revocation.Refuses([.. chain.ChainElements.Select(e => e.Certificate)], now);
    }
}
