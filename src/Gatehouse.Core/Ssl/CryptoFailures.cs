namespace Gatehouse.Core.Ssl;

/// <summary>
/// The exceptions the BCL's X.509 and key code throws for damaged input (found by the fuzz test): a bad
/// curve OID surfaces as PlatformNotSupportedException, a bad length as ArgumentException, and so on.
/// </summary>
internal static class CryptoFailures
{
    public static bool IsDamagedInput(Exception e) => e is System.Security.Cryptography.CryptographicException
        or PlatformNotSupportedException or ArgumentException or FormatException or System.Formats.Asn1.AsnContentException
        or OverflowException or NotSupportedException;
}
