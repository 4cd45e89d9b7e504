using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Testing.Pki;

/// <summary>
/// Signs with SHA-1 (ecdsa-with-SHA1 / sha1WithRSAEncryption), which the BCL's generators refuse: tests need
/// such certificates to check the SHA-1 warning.
/// </summary>
internal sealed class Sha1SignatureGenerator(AsymmetricAlgorithm key) : X509SignatureGenerator
{
    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (key is RSA)
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.1.5");
                writer.WriteNull();
            }
            else
            {
                writer.WriteObjectIdentifier("1.2.840.10045.4.1");
            }
        }
        return writer.Encode();
    }

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => key switch
    {
        RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1),
        ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA1, DSASignatureFormat.Rfc3279DerSequence),
        _ => throw new NotSupportedException(),
    };

    protected override PublicKey BuildPublicKey() => new(key);
}
