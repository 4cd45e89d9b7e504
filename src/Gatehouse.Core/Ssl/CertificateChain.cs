using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// A certificate chain (leaf, then intermediates) that is either parsed already (a write, a full load) or kept as its
/// stored PEM and parsed on first use (a load from a <see cref="CertificateSummary"/>). Shared by the primary and the
/// alt certificate's facts.
/// </summary>
internal sealed class CertificateChain
{
    private readonly Lazy<(X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates)> _parsed;
    private readonly string? _storedPem;

    /// <summary>A chain parsed already.</summary>
    public CertificateChain(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates)
    {
        _parsed = new(() => (leaf, intermediates), LazyThreadSafetyMode.PublicationOnly);
        _ = _parsed.Value;
    }

    /// <summary>A stored chain, parsed on first use.</summary>
    public CertificateChain(string storedPem)
    {
        _storedPem = storedPem;
        _parsed = new(() => ParseStored(storedPem), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsParsed => _parsed.IsValueCreated;

    public X509Certificate2 Leaf => _parsed.Value.Leaf;

    public IReadOnlyList<X509Certificate2> Intermediates => _parsed.Value.Intermediates;

    /// <summary>The parsed chain when held, otherwise a fresh parse that is not kept.</summary>
    public (X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates) ReadWithoutKeeping() =>
        _parsed.IsValueCreated || _storedPem is null ? _parsed.Value : ParseStored(_storedPem);

    /// <summary>
    /// Parses a chain whose summary matched its digest: the same text parsed when it was written, so a failure here
    /// means the platform's parser changed under it, not bad input.
    /// </summary>
    private static (X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates) ParseStored(string pem)
    {
        var errors = new List<ValidationError>();
        return CertificateReader.Read(pem, "certificate", "invalid_certificate", CertificateInspector.MaxChainLength, errors) is { Count: > 0 } chain
            ? (chain[0], chain[1..])
            : throw new CryptographicException("A stored certificate chain that parsed when it was written no longer parses.");
    }
}
