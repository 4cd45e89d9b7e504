using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Pki;

/// <summary>A generated certificate with its private key and issuer chain, and PEM renderings of each.</summary>
public sealed class TestCert(X509Certificate2 certificate, AsymmetricAlgorithm key, IReadOnlyList<X509Certificate2> issuers)
{
    public X509Certificate2 Certificate { get; } = certificate;
    public AsymmetricAlgorithm Key { get; } = key;

    /// <summary>Issuers above this certificate, nearest first (excluding the root when it is the CA itself).</summary>
    public IReadOnlyList<X509Certificate2> Issuers { get; } = issuers;

    public string CertPem => PemEncoding.WriteString("CERTIFICATE", Certificate.RawData) + "\n";

    /// <summary>The leaf then every issuer, as operators upload a chain.</summary>
    public string ChainPem => CertPem + string.Concat(Issuers.Select(i => PemEncoding.WriteString("CERTIFICATE", i.RawData) + "\n"));

    public string KeyPem => PemEncoding.WriteString("PRIVATE KEY", Key.ExportPkcs8PrivateKey()) + "\n";

    /// <summary>PKCS#1 for RSA, SEC1 for EC.</summary>
    public string TraditionalKeyPem => Key switch
    {
        RSA rsa => PemEncoding.WriteString("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()) + "\n",
        ECDsa ec => PemEncoding.WriteString("EC PRIVATE KEY", ec.ExportECPrivateKey()) + "\n",
        _ => throw new NotSupportedException(),
    };

    public string EncryptedKeyPem => PemEncoding.WriteString("ENCRYPTED PRIVATE KEY",
        Key.ExportEncryptedPkcs8PrivateKey("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000))) + "\n";

    public string FingerprintSha256 => Certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();

    /// <summary>The certificate with its private key attached, for TLS peers.</summary>
    public X509Certificate2 WithKey() => Key switch
    {
        RSA rsa => Certificate.CopyWithPrivateKey(rsa),
        ECDsa ec => Certificate.CopyWithPrivateKey(ec),
        _ => throw new NotSupportedException(),
    };

    /// <summary>Writes cert (chain) and key PEM files into <paramref name="directory"/>; returns their paths.</summary>
    public (string CertPath, string KeyPath) WriteFiles(string directory, string name)
    {
        var certPath = Path.Combine(directory, name + ".crt");
        var keyPath = Path.Combine(directory, name + ".key");
        File.WriteAllText(certPath, ChainPem);
        File.WriteAllText(keyPath, KeyPem);
        return (certPath, keyPath);
    }
}
