namespace Gatehouse.Testing.Pki;

/// <summary>Key algorithms test certificates can use.</summary>
public enum KeyKind
{
    EcP256,
    EcP384,
    Rsa2048,
    Rsa1024,
    EcP224,
    EcP521,

    /// <summary>RSA 8200 bits, just over the 8192-bit limit; a fixed test key (generating one takes minutes).</summary>
    Rsa8200,
}
