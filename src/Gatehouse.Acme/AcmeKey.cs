using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.Acme;

/// <summary>
/// An ACME account key (RFC 8555 §6.2): signs JWS with ES256 (P-256) or RS256 (RSA), and describes its public
/// half as a JWK whose RFC 7638 thumbprint goes into every key authorization.
/// </summary>
public sealed class AcmeKey : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly RSA? _rsa;

    private AcmeKey(ECDsa? ec, RSA? rsa)
    {
        _ec = ec;
        _rsa = rsa;
    }

    /// <summary>The JWS <c>alg</c> this key signs with.</summary>
    public string Algorithm => _ec is not null ? "ES256" : "RS256";

    public AcmeKeyType Type => _ec is not null ? AcmeKeyType.EcP256 : AcmeKeyType.Rsa2048;

    /// <summary>A fresh key of <paramref name="type"/>.</summary>
    public static AcmeKey Create(AcmeKeyType type) =>
        type == AcmeKeyType.Rsa2048 ? new(null, RSA.Create(2048)) : new(ECDsa.Create(ECCurve.NamedCurves.nistP256), null);

    /// <summary>Loads a PKCS#8 PEM written by <see cref="ExportPkcs8Pem"/>; only P-256 and RSA keys are accepted.</summary>
    public static AcmeKey FromPkcs8Pem(string pem)
    {
        if (pem.Contains("BEGIN PRIVATE KEY", StringComparison.Ordinal))
        {
            try
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(pem);
                if (ec.KeySize == 256) return new(ec, null);
                ec.Dispose();
            }
            catch (CryptographicException)
            {
                // Not an EC key: try RSA below.
            }
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new(null, rsa);
    }

    public string ExportPkcs8Pem() => _ec is not null ? _ec.ExportPkcs8PrivateKeyPem() : _rsa!.ExportPkcs8PrivateKeyPem();

    /// <summary>The public JWK with its members in lexicographic order, as RFC 7638 §3 requires for the thumbprint.</summary>
    public string JwkJson()
    {
        if (_ec is not null)
        {
            var p = _ec.ExportParameters(false);
            return $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{B64(p.Q.X!)}\",\"y\":\"{B64(p.Q.Y!)}\"}}";
        }
        var r = _rsa!.ExportParameters(false);
        return RsaJwk(r.Exponent!, r.Modulus!);
    }

    internal static string RsaJwk(byte[] exponent, byte[] modulus) =>
        $"{{\"e\":\"{B64(exponent)}\",\"kty\":\"RSA\",\"n\":\"{B64(modulus)}\"}}";

    internal static string ThumbprintOf(string jwkJson) => B64(SHA256.HashData(Encoding.UTF8.GetBytes(jwkJson)));

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url).</summary>
    public string Thumbprint() => ThumbprintOf(JwkJson());

    /// <summary>The key authorization of a challenge token (RFC 8555 §8.1).</summary>
    public string KeyAuthorization(string token) => token + "." + Thumbprint();

    /// <summary>Signs with SHA-256: ES256 as the fixed-size r‖s JWS needs (IEEE P1363), RS256 as PKCS#1 v1.5.</summary>
    public byte[] Sign(byte[] data) => _ec is not null
        ? _ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        : _rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose()
    {
        _ec?.Dispose();
        _rsa?.Dispose();
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
