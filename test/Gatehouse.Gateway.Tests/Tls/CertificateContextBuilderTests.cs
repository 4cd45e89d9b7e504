using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Gateway.Tls;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Gateway.Tests.Tls;

public sealed class CertificateContextBuilderTests
{
    private static readonly TestCert Root = TestPki.CreateRoot("Builder Root");
    private static readonly TestCert Intermediate = Root.Issue(new CertSpec
    {
        CommonName = "Builder Intermediate", IsCa = true, DnsNames = null, ExtendedKeyUsages = null,
    });

    [Theory]
    [InlineData(KeyKind.EcP256, false)]
    [InlineData(KeyKind.EcP384, true)]
    [InlineData(KeyKind.Rsa2048, false)]
    [InlineData(KeyKind.Rsa2048, true)]
    public void The_leaf_carries_its_key_and_the_uploaded_intermediates_in_path_order(KeyKind kind, bool traditionalKey)
    {
        var leaf = Intermediate.Issue(new CertSpec { CommonName = "a.test", DnsNames = ["a.test"], Key = kind });

        var context = CertificateContextBuilder.Build(leaf.ChainPem, traditionalKey ? leaf.TraditionalKeyPem : leaf.KeyPem);

        Assert.Equal(leaf.Certificate.RawData, context.TargetCertificate.RawData);
        Assert.True(context.TargetCertificate.HasPrivateKey);
        Assert.Equal([Intermediate.Certificate.Thumbprint], context.IntermediateCertificates.Select(c => c.Thumbprint));
    }

    [Fact]
    public void A_self_signed_root_in_the_upload_is_not_served_and_an_incomplete_chain_is_served_as_uploaded()
    {
        var leaf = Intermediate.Issue("b.test");
        var withRoot = leaf.ChainPem + PemEncoding.WriteString("CERTIFICATE", Root.Certificate.RawData) + "\n";

        var trimmed = CertificateContextBuilder.Build(withRoot, leaf.KeyPem);
        var leafOnly = CertificateContextBuilder.Build(leaf.CertPem, leaf.KeyPem);

        Assert.Equal([Intermediate.Certificate.Thumbprint], trimmed.IntermediateCertificates.Select(c => c.Thumbprint));
        Assert.Empty(leafOnly.IntermediateCertificates);
    }

    [Fact]
    public void Intermediates_are_decoded_once_for_every_object_that_shares_them()
    {
        var der = Intermediate.Certificate.RawData;

        Assert.Same(CertificateContextBuilder.Intermediate(der).Certificate, CertificateContextBuilder.Intermediate(der.ToArray()).Certificate);
        Assert.False(CertificateContextBuilder.Intermediate(der).SelfSigned);
        Assert.True(CertificateContextBuilder.Intermediate(Root.Certificate.RawData).SelfSigned);
    }

    [Theory]
    [InlineData(KeyKind.EcP256, false)]
    [InlineData(KeyKind.EcP256, true)]
    [InlineData(KeyKind.EcP384, false)]
    [InlineData(KeyKind.Rsa2048, false)]
    [InlineData(KeyKind.Rsa2048, true)]
    public void A_key_that_does_not_match_the_leaf_is_refused(KeyKind kind, bool traditionalKey)
    {
        var leaf = Intermediate.Issue(new CertSpec { CommonName = "e.test", DnsNames = ["e.test"], Key = kind });
        var other = Intermediate.Issue(new CertSpec { CommonName = "f.test", DnsNames = ["f.test"], Key = kind });

        Assert.Throws<ArgumentException>(() => CertificateContextBuilder.Build(leaf.ChainPem, traditionalKey ? other.TraditionalKeyPem : other.KeyPem));
    }

    [Theory]
    [InlineData(KeyKind.EcP256, KeyKind.Rsa2048)]
    [InlineData(KeyKind.Rsa2048, KeyKind.EcP256)]
    public void A_key_of_another_algorithm_is_refused(KeyKind leafKind, KeyKind keyKind)
    {
        var leaf = Intermediate.Issue(new CertSpec { CommonName = "g.test", DnsNames = ["g.test"], Key = leafKind });
        var other = Intermediate.Issue(new CertSpec { CommonName = "h.test", DnsNames = ["h.test"], Key = keyKind });

        Assert.ThrowsAny<CryptographicException>(() => CertificateContextBuilder.Build(leaf.ChainPem, other.KeyPem));
    }
}
