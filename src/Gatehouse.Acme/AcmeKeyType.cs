namespace Gatehouse.Acme;

/// <summary>The key types an ACME account (and the certificates it orders) may use.</summary>
public enum AcmeKeyType
{
    /// <summary>ECDSA on P-256, signing with ES256.</summary>
    EcP256,

    /// <summary>RSA 2048, signing with RS256.</summary>
    Rsa2048,
}
