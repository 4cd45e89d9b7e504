using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// A certificate chain (leaf, then intermediates) that is either parsed already (a write, a full load) or read from the
/// stored object and parsed on first use (a load from a <see cref="CertificateSummary"/>: the model holds no PEM text, so
/// the <see cref="ChainSource"/> reads it from the stored value). Shared by the primary and the alt certificate's facts.
/// </summary>
internal sealed class CertificateChain
{
    private readonly ChainSource? _source;
    private Parsed? _parsed;

    /// <summary>A chain parsed already.</summary>
    public CertificateChain(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> intermediates) => _parsed = new(leaf, intermediates);

    /// <summary>A stored chain, read and parsed on first use.</summary>
    public CertificateChain(ChainSource source) => _source = source;

    public bool IsParsed => Volatile.Read(ref _parsed) is not null;

    public X509Certificate2 Leaf => Kept().Leaf;

    public IReadOnlyList<X509Certificate2> Intermediates => Kept().Intermediates;

    /// <summary>The parsed chain when held, otherwise a fresh parse that is not kept.</summary>
    public (X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates) ReadWithoutKeeping()
    {
        var parsed = Volatile.Read(ref _parsed) ?? ParseStored(_source!.Value.ReadPem());
        return (parsed.Leaf, parsed.Intermediates);
    }

    /// <summary>Parses the stored chain once (one parse even when several threads ask at once) and keeps it.</summary>
    private Parsed Kept()
    {
        if (Volatile.Read(ref _parsed) is { } parsed) return parsed;
        var source = _source!.Value;
        lock (source.Gate)
        {
            return _parsed ??= ParseStored(source.ReadPem());
        }
    }

    private sealed record Parsed(X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Intermediates);

    /// <summary>
    /// Parses a chain whose summary matched its digest: the same text parsed when it was written, so a failure here
    /// means the platform's parser changed under it, not bad input.
    /// </summary>
    private static Parsed ParseStored(string pem)
    {
        var errors = new List<ValidationError>();
        return CertificateReader.Read(pem, "certificate", "invalid_certificate", CertificateInspector.MaxChainLength, errors) is { Count: > 0 } chain
            ? new(chain[0], chain[1..])
            : throw new CryptographicException("A stored certificate chain that parsed when it was written no longer parses.");
    }
}
