using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Ssl;

/// <summary>Names and limits of the key algorithms Gatehouse accepts.</summary>
internal static class KeyAlgorithms
{
    private static readonly Dictionary<string, string> Curves = new()
    {
        ["1.2.840.10045.3.1.7"] = "P-256", ["1.3.132.0.34"] = "P-384", ["1.3.132.0.35"] = "P-521",
    };

    /// <summary>Why the key is not accepted, or null when it is.</summary>
    public static string? Problem(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa when rsa.KeySize is < 2048 or > 8192 => $"RSA keys must be 2048 to 8192 bits; this one has {rsa.KeySize}.",
        RSA => null,
        ECDsa ec when CurveName(ec) is null => "EC keys must use the P-256, P-384 or P-521 curve.",
        ECDsa => null,
        _ => "Only RSA and EC private keys are supported.",
    };

    /// <summary>The <c>key_algorithm</c> text of a certificate's public key: <c>RSA 2048</c>, <c>EC P-256</c>.</summary>
    public static string Describe(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null) return $"RSA {rsa.KeySize}";
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null) return "EC " + (CurveName(ec) ?? "unknown curve");
        return certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value ?? "unknown";
    }

    private static string? CurveName(ECDsa key)
    {
        try
        {
            var oid = key.ExportParameters(false).Curve.Oid;
            if (oid.Value is { } value && Curves.TryGetValue(value, out var name)) return name;
            return oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1" => "P-256",
                "nistP384" or "ECDSA_P384" or "secp384r1" => "P-384",
                "nistP521" or "ECDSA_P521" or "secp521r1" => "P-521",
                _ => null,
            };
        }
        catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
        {
            return null;
        }
    }
}
