using System.Security.Cryptography.X509Certificates;
using Gatehouse.Gateway.Tests.Forwarding;
using Gatehouse.Gateway.Tls;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>Peer authentication against one object's CA set only (DESIGN.md §3, docs/decisions.md).</summary>
public sealed class ClientCertificateValidatorTests
{
    private static readonly TestCert OwnCa = TestPki.CreateRoot("Own Client CA");
    private static readonly TestCert OtherCa = TestPki.CreateRoot("Other Client CA");
    private static readonly TestCert Intermediate = OwnCa.Issue(new CertSpec { CommonName = "Own Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
    private static readonly TestCert Alice = OwnCa.Issue(Client("alice"));

    private static CertSpec Client(string name, IReadOnlyList<string>? ekus = null) => new()
    {
        CommonName = name, DnsNames = null, ExtendedKeyUsages = ekus ?? [Oids.ClientAuth],
    };

    private static bool Validate(X509Certificate? certificate, X509Chain? presented = null, TestCert? trusted = null, TimeProvider? time = null) =>
        new ClientCertificateValidator([(trusted ?? OwnCa).Certificate], Gatehouse.Core.Revocation.RevocationLists.None, time ?? TimeProvider.System).Validate(certificate, presented);

    [Fact]
    public void Accepts_a_certificate_of_its_own_ca() => Assert.True(Validate(Alice.Certificate));

    [Fact]
    public void Accepts_a_certificate_without_eku() => Assert.True(Validate(OwnCa.Issue(new CertSpec { CommonName = "no-eku", DnsNames = null, ExtendedKeyUsages = null }).Certificate));

    [Fact]
    public void Accepts_a_chain_through_a_presented_intermediate()
    {
        var bob = Intermediate.Issue(Client("bob"));
        using var presented = UpstreamCertificateVerifierTests.Presented(bob, Intermediate, OwnCa);

        Assert.True(Validate(bob.Certificate, presented));
        Assert.False(Validate(bob.Certificate));
    }

    [Fact]
    public void Accepts_a_plain_x509certificate() =>
        Assert.True(Validate(new X509Certificate(Alice.Certificate)));

    [Fact]
    public void Refuses_another_ca()
    {
        Assert.False(Validate(OtherCa.Issue(Client("mallory")).Certificate));
        Assert.False(Validate(Alice.Certificate, trusted: OtherCa));
        // A root the client presents is never trusted.
        var bob = Intermediate.Issue(Client("bob"));
        using var presented = UpstreamCertificateVerifierTests.Presented(bob, Intermediate, OwnCa);
        Assert.False(Validate(bob.Certificate, presented, trusted: OtherCa));
    }

    [Fact]
    public void Refuses_an_expired_or_not_yet_valid_certificate()
    {
        Assert.False(Validate(Alice.Certificate, time: new FixedTime(Alice.Certificate.NotAfter.ToUniversalTime().AddDays(1))));
        Assert.False(Validate(Alice.Certificate, time: new FixedTime(Alice.Certificate.NotBefore.ToUniversalTime().AddDays(-1))));
        var expired = OwnCa.Issue(Client("old") with { NotBefore = DateTimeOffset.UtcNow.AddDays(-20), NotAfter = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.False(Validate(expired.Certificate));
    }

    [Fact]
    public void Refuses_a_certificate_whose_eku_excludes_client_auth() =>
        Assert.False(Validate(OwnCa.Issue(Client("server-only", [Oids.ServerAuth])).Certificate));

    [Fact]
    public void Refuses_a_null_certificate() => Assert.False(Validate(null));
}
