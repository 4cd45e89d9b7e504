using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Checks an upstream's certificate (DESIGN.md §4): it must chain to the given CA set (custom root trust), or to
/// the system store when none is given, offline (no AIA download, no revocation fetch), and match the name
/// the gateway sent as SNI. Each refusal is logged with its reason, never with key material.
/// </summary>
internal sealed partial class UpstreamCertificateVerifier(X509Certificate2Collection? trustedCas, string name, ILogger logger)
{
    public bool Verify(X509Certificate? certificate, X509Chain? presented)
    {
        if (certificate is null) return Refuse("the upstream sent no certificate");
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
        if (trustedCas is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas);
        }
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        if (!chain.Build(leaf))
        {
            var reasons = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return Refuse($"its certificate does not chain to the {(trustedCas is null ? "system trust store" : "configured CA set")} ({reasons})");
        }
        if (!leaf.MatchesHostname(name, allowWildcards: true, allowCommonName: false))
            return Refuse("its certificate does not match the name");
        return true;
    }

    private bool Refuse(string reason)
    {
        LogRefused(logger, name, reason);
        return false;
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Upstream TLS to {Name} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string name, string reason);
}
