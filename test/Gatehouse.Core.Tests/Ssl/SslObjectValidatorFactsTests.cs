using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>What the response reports about a certificate: validity, status, names, serial, fingerprint, algorithm.</summary>
public sealed class SslObjectValidatorFactsTests
{
    private readonly TestCert _root = TestPki.CreateRoot();

    [Fact]
    public void An_expired_leaf_is_accepted_with_a_warning()
    {
        var leaf = TestPki.SelfSigned(new CertSpec
        {
            CommonName = "old.test", DnsNames = ["old.test"],
            NotBefore = DateTimeOffset.UtcNow.AddDays(-100), NotAfter = DateTimeOffset.UtcNow.AddDays(-10),
        });

        var valid = Valid(Server(leaf));

        Assert.Contains("The certificate has expired.", valid.Facts.Warnings);
        Assert.Equal("expired", valid.Facts.StatusAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_not_yet_valid_leaf_is_accepted_with_a_warning()
    {
        var leaf = TestPki.SelfSigned(new CertSpec
        {
            CommonName = "new.test", DnsNames = ["new.test"],
            NotBefore = DateTimeOffset.UtcNow.AddDays(10), NotAfter = DateTimeOffset.UtcNow.AddDays(100),
        });

        var valid = Valid(Server(leaf));

        Assert.Contains("The certificate is not valid yet.", valid.Facts.Warnings);
        Assert.Equal("not_yet_valid", valid.Facts.StatusAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Status_follows_the_validity_period()
    {
        var notBefore = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(2030, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var leaf = TestPki.SelfSigned(new CertSpec { CommonName = "s.test", DnsNames = ["s.test"], NotBefore = notBefore, NotAfter = notAfter });

        var facts = SslObjectValidator.Validate(Server(leaf), notBefore.AddDays(1)).Facts;

        Assert.Equal(notBefore, facts.NotBefore);
        Assert.Equal(notAfter, facts.NotAfter);
        Assert.Equal(TimeSpan.Zero, facts.NotAfter.Offset);
        Assert.Equal("not_yet_valid", facts.StatusAt(notBefore.AddSeconds(-1)));
        Assert.Equal("active", facts.StatusAt(notBefore));
        Assert.Equal("active", facts.StatusAt(notAfter));
        Assert.Equal("expired", facts.StatusAt(notAfter.AddSeconds(1)));
        Assert.True(facts.IsValidAt(notAfter));
        Assert.False(facts.IsValidAt(notAfter.AddSeconds(1)));
    }

    [Fact]
    public void A_current_certificate_has_no_validity_warning_and_is_active()
    {
        var valid = Valid(Server(_root.Issue("now.test")));

        Assert.Empty(valid.Facts.Warnings);
        Assert.Equal("active", valid.Facts.StatusAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Sha1_signatures_warn()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "sha1.test", DnsNames = ["sha1.test"], Sha1 = true });

        var valid = Valid(Server(leaf));

        Assert.Contains(valid.Facts.Warnings, w => w.Contains("SHA-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Subject_and_issuer_are_rfc_4514_last_rdn_first()
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("DE");
        subject.AddOrganizationName("Acme, Inc.");
        subject.AddOrganizationalUnitName("Edge");
        subject.AddCommonName("www.acme.test");
        var leaf = _root.Issue(new CertSpec { Subject = subject.Build(), DnsNames = ["www.acme.test"] });

        var facts = Valid(Server(leaf)).Facts;

        Assert.Equal(@"CN=www.acme.test,OU=Edge,O=Acme\, Inc.,C=DE", facts.Subject);
        Assert.Equal("CN=Test Root CA", facts.Issuer);
    }

    [Fact]
    public void Serial_is_lower_case_hex_and_fingerprint_is_lower_case_hex_without_colons()
    {
        var leaf = _root.Issue("id.test");

        var facts = Valid(Server(leaf)).Facts;

        Assert.Matches("^[0-9a-f]+$", facts.SerialNumber);
        Assert.Equal(Convert.ToHexStringLower(leaf.Certificate.SerialNumberBytes.Span), facts.SerialNumber);
        Assert.Matches("^[0-9a-f]{64}$", facts.FingerprintSha256);
        Assert.Equal(leaf.FingerprintSha256, facts.FingerprintSha256);
    }

    [Fact]
    public void Every_error_is_reported_in_one_result()
    {
        var leaf = _root.Issue("both.test");

        var errors = Errors(new SslObjectInput("garbage", leaf.EncryptedKeyPem, "garbage", SslObjectType.Client, [""], Fallback: true));

        Assert.Equal(
            [("certificate", "invalid_certificate"), ("ca_certificate", "invalid_ca_certificate"), ("fallback", "invalid_parameter"),
             ("private_key", "invalid_private_key"), ("labels", "invalid_parameter")],
            errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void A_bad_certificate_and_a_bad_key_are_both_reported()
    {
        var leaf = _root.Issue("both.test");

        var errors = Errors(Server(leaf) with { CertificatePem = leaf.CertPem[..200], PrivateKeyPem = "garbage" });

        Assert.Equal(["invalid_certificate", "invalid_private_key"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Certificate_problems_and_a_key_mismatch_are_reported_together()
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "m.test", DnsNames = ["m.test"], ExtendedKeyUsages = [Oids.ClientAuth] });
        var other = _root.Issue("m.test");

        var errors = Errors(Server(leaf) with { PrivateKeyPem = other.KeyPem });

        Assert.Equal(["type_mismatch", "key_mismatch"], errors.Select(e => e.Code));
    }
}
