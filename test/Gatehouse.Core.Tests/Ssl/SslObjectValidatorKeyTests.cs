using System.Security.Cryptography;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>The <c>private_key</c> field: formats, algorithms, encryption, canonical output.</summary>
public sealed class SslObjectValidatorKeyTests
{
    private readonly TestCert _root = TestPki.CreateRoot();

    [Theory]
    [InlineData(KeyKind.EcP256, false, "EC P-256")]
    [InlineData(KeyKind.EcP256, true, "EC P-256")]
    [InlineData(KeyKind.EcP384, false, "EC P-384")]
    [InlineData(KeyKind.EcP384, true, "EC P-384")]
    [InlineData(KeyKind.EcP521, false, "EC P-521")]
    [InlineData(KeyKind.EcP521, true, "EC P-521")]
    [InlineData(KeyKind.Rsa2048, false, "RSA 2048")]
    [InlineData(KeyKind.Rsa2048, true, "RSA 2048")]
    public void Pkcs8_pkcs1_and_sec1_keys_are_accepted(KeyKind kind, bool traditional, string algorithm)
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "k.test", DnsNames = ["k.test"], Key = kind });

        var valid = Valid(Server(leaf) with { PrivateKeyPem = traditional ? leaf.TraditionalKeyPem : leaf.KeyPem });

        Assert.Equal(algorithm, valid.Facts.KeyAlgorithm);
        Assert.Equal(["k.test"], valid.Facts.Snis);
    }

    [Fact]
    public void An_openssl_ec_parameters_section_before_the_key_is_ignored()
    {
        var leaf = _root.Issue("k.test");
        var parameters = PemEncoding.WriteString("EC PARAMETERS", [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]) + "\n";

        Valid(Server(leaf) with { PrivateKeyPem = parameters + leaf.TraditionalKeyPem });
    }

    [Theory]
    [InlineData(KeyKind.EcP256, false)]
    [InlineData(KeyKind.Rsa2048, true)]
    public void The_key_output_is_pkcs8_of_the_same_key(KeyKind kind, bool traditional)
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "k.test", DnsNames = ["k.test"], Key = kind });

        var valid = Valid(Server(leaf) with { PrivateKeyPem = traditional ? leaf.TraditionalKeyPem : leaf.KeyPem });

        Assert.True(PemEncoding.TryFind(valid.PrivateKeyPkcs8Pem, out var fields));
        Assert.Equal("PRIVATE KEY", valid.PrivateKeyPkcs8Pem[fields.Label]);
        var der = Convert.FromBase64String(valid.PrivateKeyPkcs8Pem[fields.Base64Data]);
        Assert.Equal(leaf.Key.ExportPkcs8PrivateKey(), der);
        Assert.DoesNotContain(valid.PrivateKeyPkcs8Pem[fields.Base64Data][..40], valid.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void A_missing_key_is_missing_field(string? pem)
    {
        var leaf = _root.Issue("k.test");

        var error = Error(Server(leaf) with { PrivateKeyPem = pem });

        Assert.Equal(("private_key", "missing_field"), (error.Field, error.Code));
    }

    [Fact]
    public void An_encrypted_key_is_invalid_private_key()
    {
        var leaf = _root.Issue("k.test");

        var error = Error(Server(leaf) with { PrivateKeyPem = leaf.EncryptedKeyPem });

        Assert.Equal(("private_key", "invalid_private_key"), (error.Field, error.Code));
        Assert.Contains("encrypted", error.Message, StringComparison.OrdinalIgnoreCase);
        SslObjectValidatorChainTests.AssertNoKeyLine(leaf.EncryptedKeyPem, [error.Message]);
    }

    [Theory]
    [InlineData(KeyKind.Rsa1024)]
    [InlineData(KeyKind.EcP224)]
    [InlineData(KeyKind.Rsa8200)]
    public void Weak_or_oversized_keys_are_invalid_private_key(KeyKind kind)
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "weak.test", DnsNames = ["weak.test"], Key = kind });

        var error = Error(Server(leaf));

        Assert.Equal(("private_key", "invalid_private_key"), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    public void Garbage_keys_are_invalid_private_key(string pem)
    {
        var leaf = _root.Issue("k.test");

        var error = Error(Server(leaf) with { PrivateKeyPem = pem });

        Assert.Equal(("private_key", "invalid_private_key"), (error.Field, error.Code));
    }

    [Fact]
    public void A_certificate_pasted_into_private_key_is_invalid_private_key()
    {
        var leaf = _root.Issue("k.test");

        Assert.Equal("invalid_private_key", Error(Server(leaf) with { PrivateKeyPem = leaf.CertPem }).Code);
    }

    [Fact]
    public void Two_keys_are_invalid_private_key()
    {
        var leaf = _root.Issue("k.test");

        Assert.Equal("invalid_private_key", Error(Server(leaf) with { PrivateKeyPem = leaf.KeyPem + leaf.KeyPem }).Code);
    }

    [Theory]
    [InlineData(KeyKind.EcP256, KeyKind.EcP256)]
    [InlineData(KeyKind.Rsa2048, KeyKind.Rsa2048)]
    [InlineData(KeyKind.EcP256, KeyKind.EcP384)]
    [InlineData(KeyKind.EcP256, KeyKind.Rsa2048)]
    [InlineData(KeyKind.Rsa2048, KeyKind.EcP384)]
    public void The_key_of_another_certificate_is_key_mismatch(KeyKind leafKind, KeyKind otherKind)
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "k.test", DnsNames = ["k.test"], Key = leafKind });
        var other = _root.Issue(new CertSpec { CommonName = "k.test", DnsNames = ["k.test"], Key = otherKind });

        var error = Error(Server(leaf) with { PrivateKeyPem = other.KeyPem });

        Assert.Equal(("private_key", "key_mismatch"), (error.Field, error.Code));
    }

    [Fact]
    public void The_key_of_an_intermediate_is_key_mismatch()
    {
        var intermediate = _root.Issue(new CertSpec { CommonName = "Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaf = intermediate.Issue("k.test");

        Assert.Equal("key_mismatch", Error(Server(leaf) with { PrivateKeyPem = intermediate.KeyPem }).Code);
    }

    [Fact]
    public void A_stored_key_that_does_not_match_the_new_leaf_is_missing_field()
    {
        var stored = _root.Issue("k.test");
        var renewed = _root.Issue("k.test");

        var error = Error(Server(renewed) with { PrivateKeyPem = stored.KeyPem, KeyIsStored = true });

        Assert.Equal(("private_key", "missing_field"), (error.Field, error.Code));
    }

    [Fact]
    public void A_stored_key_that_matches_the_new_leaf_passes()
    {
        var stored = _root.Issue("k.test");

        Valid(Server(stored) with { KeyIsStored = true });
    }
}
