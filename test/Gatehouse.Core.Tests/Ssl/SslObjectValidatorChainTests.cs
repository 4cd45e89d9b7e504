using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Ssl;
using Gatehouse.Testing.Pki;
using static Gatehouse.Core.Tests.Ssl.SslInputs;

namespace Gatehouse.Core.Tests.Ssl;

/// <summary>The <c>certificate</c> field: parse, chain length and order, canonical output.</summary>
public sealed class SslObjectValidatorChainTests
{
    private readonly TestCert _root = TestPki.CreateRoot();

    [Fact]
    public void A_leaf_with_its_intermediate_passes()
    {
        var intermediate = _root.Issue(new CertSpec { CommonName = "Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaf = intermediate.Issue("www.chain.test");

        var valid = Valid(Server(leaf));

        Assert.Equal(leaf.Certificate.RawData, valid.Facts.Leaf.RawData);
        Assert.Equal(intermediate.Certificate.RawData, Assert.Single(valid.Facts.Intermediates).RawData);
        Assert.Empty(valid.Facts.Warnings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void A_missing_certificate_is_missing_field(string? pem)
    {
        var leaf = _root.Issue("a.test");

        var error = Error(new SslObjectInput(pem, leaf.KeyPem, null, SslObjectType.Server, [], false));

        Assert.Equal(("certificate", "missing_field"), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void Garbage_is_invalid_certificate(string pem)
    {
        var leaf = _root.Issue("a.test");

        var error = Error(new SslObjectInput(pem, leaf.KeyPem, null, SslObjectType.Server, [], false));

        Assert.Equal(("certificate", "invalid_certificate"), (error.Field, error.Code));
    }

    [Fact]
    public void A_pem_cut_before_its_end_line_is_invalid_certificate()
    {
        var leaf = _root.Issue("a.test");
        var pem = leaf.CertPem;
        var truncated = pem[..(pem.Length / 2)];

        Assert.Equal("invalid_certificate", Error(Server(leaf) with { CertificatePem = truncated }).Code);
    }

    [Fact]
    public void A_chain_whose_second_certificate_is_cut_is_invalid_certificate()
    {
        var intermediate = _root.Issue(new CertSpec { CommonName = "Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaf = intermediate.Issue("a.test");
        var truncated = leaf.ChainPem[..(leaf.CertPem.Length + 100)];

        Assert.Equal("invalid_certificate", Error(Server(leaf) with { CertificatePem = truncated }).Code);
    }

    [Fact]
    public void A_der_body_cut_short_is_invalid_certificate()
    {
        var leaf = _root.Issue("a.test");
        var cut = PemEncoding.WriteString("CERTIFICATE", leaf.Certificate.RawData.AsSpan(0, leaf.Certificate.RawData.Length - 20));

        Assert.Equal("invalid_certificate", Error(Server(leaf) with { CertificatePem = cut }).Code);
    }

    [Theory]
    [InlineData(KeyKind.EcP256, false)]
    [InlineData(KeyKind.EcP256, true)]
    [InlineData(KeyKind.Rsa2048, false)]
    [InlineData(KeyKind.Rsa2048, true)]
    public void A_key_pasted_into_certificate_is_refused_without_echoing_it(KeyKind kind, bool traditional)
    {
        var leaf = _root.Issue(new CertSpec { CommonName = "a.test", DnsNames = ["a.test"], Key = kind });
        var keyPem = traditional ? leaf.TraditionalKeyPem : leaf.KeyPem;

        var refused = Assert.Throws<Gatehouse.Core.Validation.ValidationErrors>(() =>
            SslObjectValidator.Validate(Server(leaf) with { CertificatePem = keyPem }, DateTimeOffset.UtcNow));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("certificate", "invalid_certificate"), (error.Field, error.Code));
        AssertNoKeyLine(keyPem, [error.Message, refused.Message, refused.ToString()]);
    }

    [Fact]
    public void A_key_pasted_into_ca_certificate_is_refused_without_echoing_it()
    {
        var leaf = _root.Issue("a.test");

        var refused = Assert.Throws<Gatehouse.Core.Validation.ValidationErrors>(() =>
            SslObjectValidator.Validate(Server(leaf, caPem: leaf.KeyPem), DateTimeOffset.UtcNow));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("ca_certificate", "invalid_ca_certificate"), (error.Field, error.Code));
        AssertNoKeyLine(leaf.KeyPem, [error.Message, refused.Message, refused.ToString()]);
    }

    [Fact]
    public void A_chain_of_ten_certificates_passes_and_eleven_is_invalid_certificate()
    {
        var issuer = _root;
        for (var i = 0; i < 10; i++)
            issuer = issuer.Issue(new CertSpec { CommonName = $"Intermediate {i}", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leafOf11 = issuer.Issue("deep.test");
        var leafOf10 = TestPkiChain(leafOf11, keep: 10);

        Assert.Equal(11, PemCount(leafOf11.ChainPem));
        Assert.Equal(9, Valid(Server(leafOf11) with { CertificatePem = leafOf10 }).Facts.Intermediates.Count);
        var error = Error(Server(leafOf11));
        Assert.Equal(("certificate", "invalid_certificate"), (error.Field, error.Code));
    }

    [Fact]
    public void A_chain_in_the_wrong_order_is_invalid_chain()
    {
        var upper = _root.Issue(new CertSpec { CommonName = "Upper", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var lower = upper.Issue(new CertSpec { CommonName = "Lower", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaf = lower.Issue("order.test");
        var swapped = leaf.CertPem + Pem(upper.Certificate) + Pem(lower.Certificate);

        var error = Error(Server(leaf) with { CertificatePem = swapped });

        Assert.Equal(("certificate", "invalid_chain"), (error.Field, error.Code));
    }

    [Fact]
    public void An_unrelated_second_certificate_is_invalid_chain()
    {
        var leaf = _root.Issue("a.test");
        var stranger = TestPki.CreateRoot("Stranger");

        Assert.Equal("invalid_chain", Error(Server(leaf) with { CertificatePem = leaf.CertPem + stranger.CertPem }).Code);
    }

    [Fact]
    public void The_certificate_output_is_canonical_pem_of_leaf_then_chain()
    {
        var intermediate = _root.Issue(new CertSpec { CommonName = "Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null });
        var leaf = intermediate.Issue("canon.test");
        var messy = "subject=CN=canon.test\r\n" + leaf.CertPem.Replace("\n", "\r\n") + "\r\n\r\nissuer=...\r\n"
                    + Pem(intermediate.Certificate).Replace("\n", "\r\n");

        var valid = Valid(Server(leaf) with { CertificatePem = messy });

        Assert.Equal(leaf.ChainPem, valid.CertificatePem);
        Assert.Null(valid.CaCertificatePem);
    }

    private static string Pem(X509Certificate2 certificate) => PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n";

    private static int PemCount(string pem) => pem.Split("-----BEGIN CERTIFICATE-----").Length - 1;

    private static string TestPkiChain(TestCert leaf, int keep) =>
        leaf.CertPem + string.Concat(leaf.Issuers.Take(keep - 1).Select(Pem));

    internal static void AssertNoKeyLine(string keyPem, IEnumerable<string> texts)
    {
        var lines = keyPem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("-----", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(lines);
        foreach (var text in texts)
        {
            foreach (var line in lines)
                Assert.DoesNotContain(line, text, StringComparison.Ordinal);
        }
    }
}
