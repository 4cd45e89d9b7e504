using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Pki;

/// <summary>Makes CRLs for tests with the BCL's <see cref="CertificateRevocationListBuilder"/>.</summary>
public static class TestCrl
{
    /// <summary>A CRL signed by <paramref name="ca"/> listing <paramref name="revoked"/>, as DER.</summary>
    public static byte[] Der(TestCert ca, IEnumerable<TestCert> revoked, DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked) builder.AddEntry(certificate.Certificate, DateTimeOffset.UtcNow.AddMinutes(-5));
        using var issuer = ca.WithKey();
        var issued = thisUpdate ?? DateTimeOffset.UtcNow.AddMinutes(-10);
        return builder.Build(issuer, BigInteger.One, nextUpdate ?? issued.AddDays(7), HashAlgorithmName.SHA256,
            ca.Key is RSA ? RSASignaturePadding.Pkcs1 : null, issued);
    }

    /// <summary>The same CRL as PEM.</summary>
    public static string Pem(TestCert ca, IEnumerable<TestCert> revoked, DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null) =>
        PemEncoding.WriteString("X509 CRL", Der(ca, revoked, thisUpdate, nextUpdate)) + "\n";
}
