using System.Security.Cryptography.X509Certificates;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Testing.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatehouse.Gateway.Tests.Forwarding;

/// <summary>The upstream's certificate must chain to the configured CA set and match the name; all offline.</summary>
public sealed class UpstreamCertificateVerifierTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Upstream Root");
    private static readonly TestCert Intermediate = Root.Issue(new CertSpec { CommonName = "Upstream Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
    private static readonly TestCert Leaf = Root.Issue("api.internal.test");
    private static readonly TestCert ChainedLeaf = Intermediate.Issue("api.internal.test");
    private static readonly TestCert Other = TestPki.CreateRoot("Someone Else's Root");

    private static bool Verify(TestCert? trusted, string name, X509Certificate2? certificate, X509Chain? presented = null) =>
        new UpstreamCertificateVerifier(trusted is null ? null : new X509Certificate2Collection(trusted.Certificate), name, NullLogger.Instance)
            .Verify(certificate, presented);

    [Fact]
    public void Accepts_a_certificate_of_the_ca_set_with_the_right_name() =>
        Assert.True(Verify(Root, "api.internal.test", Leaf.Certificate));

    [Fact]
    public void Accepts_a_chain_through_a_presented_intermediate()
    {
        using var presented = Presented(ChainedLeaf, Intermediate, Root);

        Assert.True(Verify(Root, "api.internal.test", ChainedLeaf.Certificate, presented));
    }

    [Fact]
    public void Refuses_a_missing_intermediate_rather_than_downloading_it() =>
        Assert.False(Verify(Root, "api.internal.test", ChainedLeaf.Certificate));

    [Fact]
    public void Refuses_another_ca()
    {
        Assert.False(Verify(Other, "api.internal.test", Leaf.Certificate));
        // The root the upstream presents is never trusted as a root.
        using var presented = Presented(ChainedLeaf, Intermediate, Root);
        Assert.False(Verify(Other, "api.internal.test", ChainedLeaf.Certificate, presented));
    }

    [Theory]
    [InlineData("other.internal.test")]
    [InlineData("internal.test")]
    [InlineData("x.api.internal.test")]
    public void Refuses_a_wrong_name(string name) => Assert.False(Verify(Root, name, Leaf.Certificate));

    [Fact]
    public void Matches_wildcards_but_not_the_common_name()
    {
        var wildcard = Root.Issue("*.svc.test");
        var commonNameOnly = Root.Issue(new CertSpec { CommonName = "cn.svc.test", DnsNames = null });

        Assert.True(Verify(Root, "a.svc.test", wildcard.Certificate));
        Assert.False(Verify(Root, "a.b.svc.test", wildcard.Certificate));
        Assert.False(Verify(Root, "cn.svc.test", commonNameOnly.Certificate));
    }

    [Fact]
    public void Refuses_a_null_certificate() => Assert.False(Verify(Root, "api.internal.test", null));

    [Fact]
    public void Refuses_an_expired_certificate()
    {
        var expired = Root.Issue(new CertSpec
        {
            CommonName = "api.internal.test", DnsNames = ["api.internal.test"],
            NotBefore = DateTimeOffset.UtcNow.AddDays(-20), NotAfter = DateTimeOffset.UtcNow.AddDays(-1),
        });

        Assert.False(Verify(Root, "api.internal.test", expired.Certificate));
    }

    [Fact]
    public void Refuses_a_certificate_not_for_server_authentication()
    {
        var clientOnly = Root.Issue(new CertSpec { CommonName = "api.internal.test", DnsNames = ["api.internal.test"], ExtendedKeyUsages = [Oids.ClientAuth] });

        Assert.False(Verify(Root, "api.internal.test", clientOnly.Certificate));
    }

    [Fact]
    public void Without_a_ca_set_a_private_ca_is_not_trusted() =>
        Assert.False(Verify(null, "api.internal.test", Leaf.Certificate));

    /// <summary>The chain as the TLS stack hands it over: the leaf first, then what the peer sent.</summary>
    internal static X509Chain Presented(TestCert leaf, params TestCert[] issuers)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllFlags;
        foreach (var issuer in issuers) chain.ChainPolicy.ExtraStore.Add(issuer.Certificate);
        chain.ChainPolicy.CustomTrustStore.Add(issuers[^1].Certificate);
        chain.Build(leaf.Certificate);
        Assert.Equal(1 + issuers.Length, chain.ChainElements.Count);
        return chain;
    }
}
