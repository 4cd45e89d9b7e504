using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Revocation;

/// <summary>Checks an RSA (PKCS#1 v1.5) or ECDSA signature made by a certificate's key over signed data (a CRL, an OCSP response).</summary>
internal static class SignatureVerifier
{
    /// <summary>True when <paramref name="signer"/>'s public key made <paramref name="signature"/> over <paramref name="data"/>.</summary>
    public static bool Verify(X509Certificate2 signer, string algorithmOid, byte[] data, byte[] signature)
    {
        try
        {
            switch (algorithmOid)
            {
                case "1.2.840.113549.1.1.5": return VerifyRsa(signer, HashAlgorithmName.SHA1, data, signature);
                case "1.2.840.113549.1.1.11": return VerifyRsa(signer, HashAlgorithmName.SHA256, data, signature);
                case "1.2.840.113549.1.1.12": return VerifyRsa(signer, HashAlgorithmName.SHA384, data, signature);
                case "1.2.840.113549.1.1.13": return VerifyRsa(signer, HashAlgorithmName.SHA512, data, signature);
                case "1.2.840.10045.4.1": return VerifyEc(signer, HashAlgorithmName.SHA1, data, signature);
                case "1.2.840.10045.4.3.2": return VerifyEc(signer, HashAlgorithmName.SHA256, data, signature);
                case "1.2.840.10045.4.3.3": return VerifyEc(signer, HashAlgorithmName.SHA384, data, signature);
                case "1.2.840.10045.4.3.4": return VerifyEc(signer, HashAlgorithmName.SHA512, data, signature);
                default: return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifyRsa(X509Certificate2 signer, HashAlgorithmName hash, byte[] data, byte[] signature)
    {
        using var rsa = signer.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEc(X509Certificate2 signer, HashAlgorithmName hash, byte[] data, byte[] signature)
    {
        using var ec = signer.GetECDsaPublicKey();
        return ec is not null && ec.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }
}
