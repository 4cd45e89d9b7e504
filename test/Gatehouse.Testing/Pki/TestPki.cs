using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Pki;

/// <summary>Makes certificates for tests with the BCL's <see cref="CertificateRequest"/>: no files, no openssl.</summary>
public static class TestPki
{
    /// <summary>A self-signed CA (basicConstraints CA=true).</summary>
    public static TestCert CreateRoot(string commonName = "Test Root CA", KeyKind key = KeyKind.EcP256,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var spec = new CertSpec
        {
            CommonName = commonName, Key = key, IsCa = true, DnsNames = null, ExtendedKeyUsages = null,
            NotBefore = notBefore ?? DateTimeOffset.UtcNow.AddDays(-30), NotAfter = notAfter ?? DateTimeOffset.UtcNow.AddYears(5),
        };
        var privateKey = NewKey(spec.Key);
        var request = Request(spec, privateKey);
        var certificate = request.CreateSelfSigned(spec.NotBefore, spec.NotAfter);
        return new TestCert(X509CertificateLoader.LoadCertificate(certificate.RawData), privateKey, []);
    }

    /// <summary>A self-signed leaf for the given names (server EKU).</summary>
    public static TestCert SelfSigned(params string[] dnsNames) =>
        SelfSigned(new CertSpec { CommonName = dnsNames.FirstOrDefault() ?? "test", DnsNames = dnsNames });

    public static TestCert SelfSigned(CertSpec spec)
    {
        var privateKey = NewKey(spec.Key);
        var request = Request(spec, privateKey);
        using var certificate = request.CreateSelfSigned(spec.NotBefore, spec.NotAfter);
        return new TestCert(X509CertificateLoader.LoadCertificate(certificate.RawData), privateKey, []);
    }

    /// <summary>Issues a certificate signed by <paramref name="issuer"/>; its chain is the issuer's chain plus the issuer (unless it is self-signed).</summary>
    public static TestCert Issue(this TestCert issuer, CertSpec spec)
    {
        var privateKey = NewKey(spec.Key);
        var request = Request(spec, privateKey);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        var issuerCertificate = issuer.Certificate;
        var notAfter = spec.NotAfter < issuerCertificate.NotAfter ? spec.NotAfter : issuerCertificate.NotAfter.ToUniversalTime();
        var notBefore = spec.NotBefore > issuerCertificate.NotBefore ? spec.NotBefore : issuerCertificate.NotBefore.ToUniversalTime();
        // A generator for the issuer's key lets an EC issuer sign an RSA leaf and the reverse.
        X509SignatureGenerator generator = spec.Sha1 ? new Sha1SignatureGenerator(issuer.Key) : issuer.Key switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
            _ => throw new NotSupportedException(),
        };
        using var certificate = request.Create(issuerCertificate.SubjectName, generator, notBefore, notAfter, serial);
        var selfSigned = issuer.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(issuer.Certificate.IssuerName.RawData);
        IReadOnlyList<X509Certificate2> chain = selfSigned ? [] : [issuer.Certificate, .. issuer.Issuers.Where(i => !IsSelfSigned(i))];
        return new TestCert(X509CertificateLoader.LoadCertificate(certificate.RawData), privateKey, chain);
    }

    public static TestCert Issue(this TestCert issuer, params string[] dnsNames) =>
        issuer.Issue(new CertSpec { CommonName = dnsNames.FirstOrDefault() ?? "test", DnsNames = dnsNames });

    private static bool IsSelfSigned(X509Certificate2 c) => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData);

    private static AsymmetricAlgorithm NewKey(KeyKind kind) => kind switch
    {
        KeyKind.EcP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        KeyKind.EcP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        KeyKind.EcP521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
        KeyKind.EcP224 => ECDsa.Create(ECCurve.CreateFromFriendlyName("secp224r1")),
        KeyKind.Rsa2048 => RSA.Create(2048),
        KeyKind.Rsa1024 => RSA.Create(1024),
        KeyKind.Rsa8200 => FixedRsaKey("rsa-8200.pem"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static RSA FixedRsaKey(string resource)
    {
        using var stream = typeof(TestPki).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing test key resource {resource}");
        using var reader = new StreamReader(stream);
        var rsa = RSA.Create();
        rsa.ImportFromPem(reader.ReadToEnd());
        return rsa;
    }

    private static CertificateRequest Request(CertSpec spec, AsymmetricAlgorithm key)
    {
        var subject = spec.Subject ?? new X500DistinguishedName("CN=" + spec.CommonName);
        var hash = spec.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, hash, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject, ec, hash),
            _ => throw new NotSupportedException(),
        };
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(spec.IsCa, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(spec.IsCa
            ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature
            : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        if (spec.ExtendedKeyUsages is { } ekus)
        {
            var collection = new OidCollection();
            foreach (var oid in ekus) collection.Add(new Oid(oid));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(collection, false));
        }
        if (spec.DnsNames is { } names)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in names) san.AddDnsName(name);
            foreach (var ip in spec.IpAddresses) san.AddIpAddress(IPAddress.Parse(ip));
            foreach (var uri in spec.Uris) san.AddUri(new Uri(uri));
            request.CertificateExtensions.Add(san.Build());
        }
        if (spec.AuthorityInfoUrl is { } url)
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([url], [url]));
        return request;
    }
}
