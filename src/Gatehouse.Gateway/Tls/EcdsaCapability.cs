using Gatehouse.Core.Tls;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Decides from a ClientHello whether the client can verify an ECDSA certificate (issue 17): under TLS 1.3 its
/// <c>signature_algorithms</c> must list the scheme of the certificate's curve (RFC 8446 §4.2.3); a TLS 1.2-only
/// client must also list an ECDSA scheme, offer a <c>TLS_ECDHE_ECDSA_*</c> suite the object allows, and support the
/// curve (RFC 8422 §5.1). Without the extension, or without a readable hello, the answer is no.
/// </summary>
internal static class EcdsaCapability
{
    private const ushort EcdsaP256Sha256 = 0x0403, EcdsaP384Sha384 = 0x0503, EcdsaP521Sha512 = 0x0603;

    /// <summary>True when <paramref name="hello"/> allows the ECDSA certificate with <paramref name="keyAlgorithm"/> (<c>EC P-256</c>, …).</summary>
    public static bool Allows(ClientHelloFacts? hello, string keyAlgorithm, TlsPolicy policy)
    {
        if (hello?.SignatureSchemes is not { } schemes) return false;
        var (scheme, group) = keyAlgorithm switch
        {
            "EC P-256" => (EcdsaP256Sha256, (ushort)23),
            "EC P-384" => (EcdsaP384Sha384, (ushort)24),
            "EC P-521" => (EcdsaP521Sha512, (ushort)25),
            _ => ((ushort)0, (ushort)0),
        };
        if (scheme == 0) return false;
        if (hello.OffersTls13) return schemes.Contains(scheme);
        if (policy.MinTlsVersion == TlsVersions.Tls13) return false;
        // TLS 1.2 binds no curve to the scheme: any ECDSA scheme with a SHA-2 hash will do.
        var anyEcdsa = schemes.Contains(EcdsaP256Sha256) || schemes.Contains(EcdsaP384Sha384) || schemes.Contains(EcdsaP521Sha512);
        var suite = hello.CipherSuites.Any(policy.Tls12EcdsaCodePoints.Contains);
        var curve = hello.SupportedGroups is null || hello.SupportedGroups.Contains(group);
        return anyEcdsa && suite && curve;
    }
}
