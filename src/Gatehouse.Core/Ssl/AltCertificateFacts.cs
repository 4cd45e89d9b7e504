using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// What Gatehouse derives from an object's alternative certificate (<c>alt_certificate</c>): the other key type
/// (RSA ↔ ECDSA) for the same names as the primary, presented to clients that can use it.
/// </summary>
public sealed record AltCertificateFacts(X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates)
{
    public string FingerprintSha256 { get; } = Leaf.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();

    /// <summary><c>RSA 2048</c>, <c>EC P-256</c>, … as <c>alt_key_algorithm</c>.</summary>
    public string KeyAlgorithm { get; } = KeyAlgorithms.Describe(Leaf);

    /// <summary>True when the alt certificate's key is ECDSA (so the primary's is RSA).</summary>
    public bool IsEcdsa => KeyAlgorithm.StartsWith("EC ", StringComparison.Ordinal);

    public DateTimeOffset NotBefore { get; } = new(Leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
    public DateTimeOffset NotAfter { get; } = new(Leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    public bool IsValidAt(DateTimeOffset now) => NotBefore <= now && now <= NotAfter;

    public const string ExpiredWarning = "The alt certificate has expired: clients are served the primary certificate.";
    public const string NotYetValidWarning = "The alt certificate is not valid yet: clients are served the primary certificate.";

    /// <summary>The validity warning at <paramref name="now"/>, if any.</summary>
    public string? WarningAt(DateTimeOffset now) =>
        now > NotAfter ? ExpiredWarning : now < NotBefore ? NotYetValidWarning : null;
}
