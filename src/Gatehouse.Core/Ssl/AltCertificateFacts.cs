using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// What Gatehouse derives from an object's alternative certificate (<c>alt_certificate</c>): the other key type
/// (RSA ↔ ECDSA) for the same names as the primary, presented to clients that can use it. Like
/// <see cref="CertificateFacts"/>, facts loaded from a stored summary parse the chain only when it is first needed.
/// </summary>
public sealed class AltCertificateFacts
{
    private readonly CertificateChain _chain;

    /// <summary>Facts of a parsed alt chain.</summary>
    public AltCertificateFacts(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates)
    {
        _chain = new(leaf, intermediates);
        FingerprintSha256 = leaf.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        KeyAlgorithm = KeyAlgorithms.Describe(leaf);
        NotBefore = new(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    private AltCertificateFacts(AltCertificateSummary summary, ChainSource source)
    {
        _chain = new(source);
        FingerprintSha256 = summary.FingerprintSha256;
        KeyAlgorithm = summary.KeyAlgorithm;
        NotBefore = summary.NotBefore;
        NotAfter = summary.NotAfter;
    }

    /// <summary>The facts a stored summary holds; the chain is read (from <paramref name="source"/>) and parsed on first use.</summary>
    internal static AltCertificateFacts FromSummary(AltCertificateSummary summary, ChainSource source) => new(summary, source);

    /// <summary>True once the certificates are parsed (always, unless the facts came from a summary and nothing needed them yet).</summary>
    internal bool IsChainParsed => _chain.IsParsed;

    public X509Certificate2 Leaf => _chain.Leaf;

    public IReadOnlyList<X509Certificate2> Intermediates => _chain.Intermediates;

    public string FingerprintSha256 { get; }

    /// <summary><c>RSA 2048</c>, <c>EC P-256</c>, … as <c>alt_key_algorithm</c>.</summary>
    public string KeyAlgorithm { get; }

    /// <summary>True when the alt certificate's key is ECDSA (so the primary's is RSA).</summary>
    public bool IsEcdsa => KeyAlgorithm.StartsWith("EC ", StringComparison.Ordinal);

    public DateTimeOffset NotBefore { get; }
    public DateTimeOffset NotAfter { get; }

    public bool IsValidAt(DateTimeOffset now) => NotBefore <= now && now <= NotAfter;

    public const string ExpiredWarning = "The alt certificate has expired: clients are served the primary certificate.";
    public const string NotYetValidWarning = "The alt certificate is not valid yet: clients are served the primary certificate.";

    /// <summary>The validity warning at <paramref name="now"/>, if any.</summary>
    public string? WarningAt(DateTimeOffset now) =>
        now > NotAfter ? ExpiredWarning : now < NotBefore ? NotYetValidWarning : null;
}
