using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Ssl;

/// <summary>Everything Gatehouse derives from an SSL object's certificates (not its key).</summary>
public sealed record CertificateFacts(
    X509Certificate2 Leaf,
    IReadOnlyList<X509Certificate2> Intermediates,
    IReadOnlyList<X509Certificate2> CaCertificates,
    IReadOnlyList<string> Snis,
    IReadOnlyList<string> Warnings)
{
    public string Subject { get; } = DistinguishedNames.ToRfc4514(Leaf.SubjectName);
    public string Issuer { get; } = DistinguishedNames.ToRfc4514(Leaf.IssuerName);
    public string SerialNumber { get; } = Leaf.SerialNumber.ToLowerInvariant();
    public string FingerprintSha256 { get; } = Leaf.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant();
    public string KeyAlgorithm { get; } = KeyAlgorithms.Describe(Leaf);
    public DateTimeOffset NotBefore { get; } = new DateTimeOffset(Leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
    public DateTimeOffset NotAfter { get; } = new DateTimeOffset(Leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);

    /// <summary>Identifies the CA set: its fingerprints, sorted and joined; empty without peer authentication.</summary>
    public string CaSetId { get; } = string.Join(",", CaCertificates
        .Select(c => c.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant())
        .Order(StringComparer.Ordinal));

    /// <summary>True when a CA set is present, which turns on peer authentication.</summary>
    public bool PeerAuthentication => CaCertificates.Count > 0;

    public bool IsValidAt(DateTimeOffset now) => NotBefore <= now && now <= NotAfter;

    public const string ExpiredWarning = "The certificate has expired.";
    public const string NotYetValidWarning = "The certificate is not valid yet.";

    /// <summary>
    /// The warnings as of <paramref name="now"/>: facts are computed once per stored revision, but validity moves
    /// with the clock.
    /// </summary>
    public IReadOnlyList<string> WarningsAt(DateTimeOffset now) =>
    [
        .. Warnings.Where(w => w is not (ExpiredWarning or NotYetValidWarning)),
        .. StatusAt(now) switch { "expired" => [ExpiredWarning], "not_yet_valid" => new[] { NotYetValidWarning }, _ => [] },
    ];

    /// <summary><c>active</c>, <c>expired</c> or <c>not_yet_valid</c> at <paramref name="now"/>.</summary>
    public string StatusAt(DateTimeOffset now) =>
        now < NotBefore ? "not_yet_valid" : now > NotAfter ? "expired" : "active";
}
