using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gatehouse.Acme.Tests;

public sealed class TlsAlpnCertificateTests
{
    [Fact]
    public void The_challenge_certificate_names_only_the_domain_and_carries_the_key_authorization_digest_in_a_critical_extension()
    {
        using var cert = TlsAlpnCertificate.Create("a.test", "tok.thumb", DateTimeOffset.UtcNow);
        var extension = cert.Extensions[TlsAlpnCertificate.AcmeIdentifierOid];
        Assert.NotNull(extension);
        Assert.True(extension.Critical);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("tok.thumb")), TlsAlpnCertificate.ReadDigest(cert));
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["a.test"], san.EnumerateDnsNames());
        Assert.True(cert.HasPrivateKey);
    }
}
