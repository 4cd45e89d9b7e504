using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary><c>alt_certificate</c> + <c>alt_private_key</c> (issue 17): the other key type, exactly the same names.</summary>
public sealed class SslObjectValidatorAltTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Alt Root");
    private static readonly TestCert Rsa = Root.Issue(new CertSpec { DnsNames = ["a.alt.test", "*.alt.test"], Key = KeyKind.Rsa2048 });
    private static readonly TestCert Ec = Root.Issue(new CertSpec { DnsNames = ["*.alt.test", "a.alt.test"], Key = KeyKind.EcP384 });

    private static SslObjectInput WithAlt(TestCert primary, TestCert alt, string? altKey = null) =>
        Server(primary) with { AltCertificatePem = alt.ChainPem, AltPrivateKeyPem = altKey ?? alt.KeyPem };

    [Fact]
    public void Rsa_primary_with_an_ecdsa_alt_for_the_same_names_is_valid()
    {
        var valid = Valid(WithAlt(Rsa, Ec));
        Assert.NotNull(valid.Alt);
        Assert.Equal("EC P-384", valid.Alt!.KeyAlgorithm);
        Assert.True(valid.Alt.IsEcdsa);
        Assert.Equal(Ec.FingerprintSha256, valid.Alt.FingerprintSha256);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", valid.AltPrivateKeyPkcs8Pem);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", valid.AltCertificatePem);
        Assert.DoesNotContain("PRIVATE", valid.ToString());
    }

    [Fact]
    public void Ecdsa_primary_with_an_rsa_alt_is_valid_and_traditional_keys_are_accepted()
    {
        var valid = Valid(WithAlt(Ec, Rsa, Rsa.TraditionalKeyPem));
        Assert.False(valid.Alt!.IsEcdsa);
    }

    [Fact]
    public void The_same_key_type_is_alt_mismatch()
    {
        var otherRsa = Root.Issue(new CertSpec { DnsNames = ["a.alt.test", "*.alt.test"], Key = KeyKind.Rsa2048 });
        var error = Error(WithAlt(Rsa, otherRsa));
        Assert.Equal(("alt_certificate", "alt_mismatch"), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("a.alt.test")]
    [InlineData("a.alt.test", "*.alt.test", "b.alt.test")]
    [InlineData("a.other.test", "*.alt.test")]
    public void Another_name_list_is_alt_mismatch(params string[] names)
    {
        var alt = Root.Issue(new CertSpec { DnsNames = names, Key = KeyKind.EcP256 });
        var error = Error(WithAlt(Rsa, alt));
        Assert.Equal(("alt_certificate", "alt_mismatch"), (error.Field, error.Code));
    }

    [Fact]
    public void The_alt_key_must_match_the_alt_leaf_and_be_present()
    {
        Assert.Equal(("alt_private_key", "key_mismatch"), Pair(Error(WithAlt(Rsa, Ec, Root.KeyPem))));
        Assert.Equal(("alt_private_key", "missing_field"), Pair(Error(Server(Rsa) with { AltCertificatePem = Ec.ChainPem })));
        Assert.Equal(("alt_certificate", "missing_field"), Pair(Error(Server(Rsa) with { AltPrivateKeyPem = Ec.KeyPem })));
        Assert.Equal(("alt_private_key", "invalid_private_key"), Pair(Error(WithAlt(Rsa, Ec, Ec.EncryptedKeyPem))));
        Assert.Equal(("alt_private_key", "missing_field"), Pair(Error(WithAlt(Rsa, Ec, Root.KeyPem) with { AltKeyIsStored = true })));
    }

    [Fact]
    public void A_key_in_alt_certificate_is_refused_without_echoing_it()
    {
        var errors = Errors(Server(Rsa) with { AltCertificatePem = Ec.KeyPem, AltPrivateKeyPem = Ec.KeyPem });
        Assert.Equal(("alt_certificate", "invalid_certificate"), Pair(errors[0]));
        var keyLine = Ec.KeyPem.Split('\n')[1];
        Assert.All(errors, e => Assert.DoesNotContain(keyLine, e.Message));
    }

    [Fact]
    public void Client_objects_take_no_alt_certificate()
    {
        var client = Root.Issue(ClientSpec("c.alt.test"));
        var errors = Errors(Client(client) with { AltCertificatePem = Ec.ChainPem, AltPrivateKeyPem = Ec.KeyPem });
        Assert.Equal(("alt_certificate", "invalid_parameter"), Pair(Assert.Single(errors)));
    }

    [Fact]
    public void An_alt_for_client_auth_only_is_type_mismatch_and_problems_of_both_are_reported_together()
    {
        var clientOnly = Root.Issue(new CertSpec { DnsNames = ["a.alt.test", "*.alt.test"], Key = KeyKind.EcP256, ExtendedKeyUsages = [Oids.ClientAuth] });
        var errors = Errors(WithAlt(Rsa, clientOnly) with { PrivateKeyPem = Ec.KeyPem, MinTlsVersion = "1.0" });
        Assert.Equal(["invalid_parameter", "key_mismatch", "type_mismatch"], errors.Select(e => e.Code).Order());
    }

    [Fact]
    public void An_expired_alt_certificate_is_accepted_with_a_warning()
    {
        var expired = Root.Issue(new CertSpec
        {
            DnsNames = ["a.alt.test", "*.alt.test"], Key = KeyKind.EcP256,
            NotBefore = DateTimeOffset.UtcNow.AddDays(-30), NotAfter = DateTimeOffset.UtcNow.AddDays(-1),
        });
        var valid = Valid(WithAlt(Rsa, expired));
        Assert.Contains(AltCertificateFacts.ExpiredWarning, valid.Warnings);
    }

    [Fact]
    public void Suites_that_leave_the_only_certificate_without_a_suite_warn()
    {
        var valid = Valid(Server(Ec) with { Tls12CipherSuites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"] });
        Assert.Contains(valid.Warnings, w => w.Contains("TLS_ECDHE_ECDSA_", StringComparison.Ordinal));
        Assert.DoesNotContain(Valid(WithAlt(Ec, Rsa) with { Tls12CipherSuites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"] }).Warnings,
            w => w.Contains("cannot connect", StringComparison.Ordinal));
    }

    private static (string?, string) Pair(Gatehouse.Core.Validation.ValidationError e) => (e.Field, e.Code);
}
