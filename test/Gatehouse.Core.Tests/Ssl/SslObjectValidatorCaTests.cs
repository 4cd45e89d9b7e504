using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>The <c>ca_certificate</c> field (peer authentication).</summary>
public sealed class SslObjectValidatorCaTests
{
    private readonly TestCert _root = TestPki.CreateRoot();

    [Fact]
    public void A_ca_set_turns_on_peer_authentication_and_is_re_encoded()
    {
        var leaf = _root.Issue("mtls.test");
        var clientCa1 = TestPki.CreateRoot("Client CA 1");
        var clientCa2 = TestPki.CreateRoot("Client CA 2", KeyKind.Rsa2048);

        var valid = Valid(Server(leaf, caPem: "comment\r\n" + clientCa1.CertPem.Replace("\n", "\r\n") + clientCa2.CertPem));

        Assert.True(valid.Facts.PeerAuthentication);
        Assert.Equal(2, valid.Facts.CaCertificates.Count);
        Assert.Equal(clientCa1.CertPem + clientCa2.CertPem, valid.CaCertificatePem);
        Assert.Empty(valid.Facts.Warnings);
    }

    [Fact]
    public void No_ca_set_means_no_peer_authentication()
    {
        var valid = Valid(Server(_root.Issue("plain.test")));

        Assert.False(valid.Facts.PeerAuthentication);
        Assert.Null(valid.CaCertificatePem);
    }

    [Fact]
    public void A_ca_certificate_that_is_not_a_ca_is_invalid_ca_certificate()
    {
        var leaf = _root.Issue("mtls.test");
        var notCa = _root.Issue(SslInputs.ClientSpec());

        var error = Error(Server(leaf, caPem: TestPki.CreateRoot("Good CA").CertPem + notCa.CertPem));

        Assert.Equal(("ca_certificate", "invalid_ca_certificate"), (error.Field, error.Code));
        Assert.Contains("#2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garbage_ca_certificate_is_invalid_ca_certificate()
    {
        var error = Error(Server(_root.Issue("mtls.test"), caPem: "garbage"));

        Assert.Equal(("ca_certificate", "invalid_ca_certificate"), (error.Field, error.Code));
    }

    [Fact]
    public void An_expired_ca_is_a_warning()
    {
        var leaf = _root.Issue("mtls.test");
        var expiredCa = TestPki.CreateRoot("Old CA", notBefore: DateTimeOffset.UtcNow.AddYears(-2), notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        var valid = Valid(Server(leaf, caPem: expiredCa.CertPem));

        Assert.True(valid.Facts.PeerAuthentication);
        Assert.Contains(valid.Facts.Warnings, w => w.Contains("CA certificate #1 has expired", StringComparison.Ordinal));
    }
}
