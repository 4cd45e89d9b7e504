using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Revocation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// Everything Gatehouse derives from an SSL object's certificates (not its key). Facts come either from parsed
/// certificates (a write, or a load without a matching <see cref="CertificateSummary"/>) or from the stored summary;
/// in the second case the certificates themselves are parsed only when something needs them (an ACME renewal query;
/// an OCSP fetch parses a copy it does not keep; the TLS context build reads the record's PEM), so a loaded object holds
/// no X.509 structure (DESIGN.md §11).
/// </summary>
public sealed class CertificateFacts
{
    private readonly CertificateChain _chain;

    /// <summary>Facts of parsed certificates (chain leaf first, then intermediates).</summary>
    public CertificateFacts(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates,
        IReadOnlyList<X509Certificate2> caCertificates, IReadOnlyList<string> snis, IReadOnlyList<string> warnings)
    {
        _chain = new(leaf, intermediates);
        CaCertificates = caCertificates;
        Snis = snis;
        Warnings = warnings;
        Subject = DistinguishedNames.ToRfc4514(leaf.SubjectName);
        Issuer = DistinguishedNames.ToRfc4514(leaf.IssuerName);
        SerialNumber = leaf.SerialNumber.ToLowerInvariant();
        FingerprintSha256 = leaf.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant();
        KeyAlgorithm = KeyAlgorithms.Describe(leaf);
        NotBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        CaSetId = string.Join(",", caCertificates
            .Select(c => c.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant())
            .Order(StringComparer.Ordinal));
        OcspResponders = Revocation.OcspResponders.Of(leaf);
    }

    private CertificateFacts(CertificateSummary summary, ChainSource source)
    {
        _chain = new(source);
        CaCertificates = [];
        Snis = summary.Snis;
        Warnings = summary.Warnings;
        Subject = summary.Subject;
        Issuer = summary.Issuer;
        SerialNumber = summary.SerialNumber;
        FingerprintSha256 = summary.FingerprintSha256;
        KeyAlgorithm = summary.KeyAlgorithm;
        NotBefore = summary.NotBefore;
        NotAfter = summary.NotAfter;
        CaSetId = "";
        // Checked by CertificateSummary.Describes; most certificates name no responder, and those share one empty list.
        OcspResponders = summary.OcspResponders.Count == 0 ? [] : [.. summary.OcspResponders.Select(u => new Uri(u, UriKind.Absolute))];
    }

    /// <summary>The facts a stored summary holds; the certificate chain is read (from <paramref name="source"/>) and parsed on first use.</summary>
    internal static CertificateFacts FromSummary(CertificateSummary summary, ChainSource source) => new(summary, source);

    /// <summary>True once the certificates are parsed (always, unless the facts came from a summary and nothing needed them yet).</summary>
    internal bool IsChainParsed => _chain.IsParsed;

    /// <summary>
    /// The chain for a passing use (an OCSP request): the parsed one when these facts hold it, otherwise a fresh parse
    /// that is not kept, so a periodic task does not leave every object's certificates in memory.
    /// </summary>
    public (X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates) ReadChain() => _chain.ReadWithoutKeeping();

    /// <summary>The leaf certificate (parsed on first use when the facts came from a summary).</summary>
    public X509Certificate2 Leaf => _chain.Leaf;

    /// <summary>The intermediates, in chain order (parsed on first use when the facts came from a summary).</summary>
    public IReadOnlyList<X509Certificate2> Intermediates => _chain.Intermediates;

    /// <summary>The CA set that authenticates peers; empty without peer authentication.</summary>
    public IReadOnlyList<X509Certificate2> CaCertificates { get; }

    public IReadOnlyList<string> Snis { get; }

    public IReadOnlyList<string> Warnings { get; }

    public string Subject { get; }
    public string Issuer { get; }
    public string SerialNumber { get; }
    public string FingerprintSha256 { get; }
    public string KeyAlgorithm { get; }
    public DateTimeOffset NotBefore { get; }
    public DateTimeOffset NotAfter { get; }

    /// <summary>The leaf's http(s) OCSP responder URLs, in order; empty when it names none.</summary>
    public IReadOnlyList<Uri> OcspResponders { get; }

    /// <summary>Identifies the CA set: its fingerprints, sorted and joined; empty without peer authentication.</summary>
    public string CaSetId { get; }

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
