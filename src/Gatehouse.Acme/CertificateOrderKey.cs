using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Acme;

/// <summary>A fresh certificate key and the CSR that asks for <c>domains</c> with it (RFC 8555 §7.4; RFC 2986).</summary>
internal static class CertificateOrderKey
{
    /// <summary>Returns the CSR (DER) and the new key as PKCS#8 PEM; the first domain is the subject's CN.</summary>
    public static (byte[] CsrDer, string KeyPem) Create(IReadOnlyList<string> domains, AcmeKeyType type)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var domain in domains) names.AddDnsName(domain);
        var subject = new X500DistinguishedName("CN=" + domains[0]);
        if (type == AcmeKeyType.Rsa2048)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(names.Build());
            return (request.CreateSigningRequest(), rsa.ExportPkcs8PrivateKeyPem());
        }
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecRequest = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
        ecRequest.CertificateExtensions.Add(names.Build());
        return (ecRequest.CreateSigningRequest(), ec.ExportPkcs8PrivateKeyPem());
    }
}
