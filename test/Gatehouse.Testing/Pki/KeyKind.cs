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
}
