using Gatehouse.Core.Revocation;
using Gatehouse.Core.Tls;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>The immutable runtime form of a stored SSL object: its record, store revision and parsed certificates.</summary>
public sealed class SslObjectModel
{
    private readonly SslObjectRecord? _record;
    private readonly StoredSslValue? _stored;

    private SslObjectModel(SslObjectRecord record, StoredSslValue? stored, long revision, SslObjectType type, CertificateFacts facts,
        RevocationLists revocation, AltCertificateFacts? alt, TlsPolicy policy)
    {
        _record = stored is null ? record : null;
        _stored = stored;
        Id = record.Id;
        Name = record.Name;
        // A stored value without a labels field (edited by hand) decodes it as null: such an object has none.
        Labels = record.Labels ?? [];
        IsFallback = record.Fallback && type == SslObjectType.Server;
        Revocation = revocation;
        Revision = revision;
        Type = type;
        Facts = facts;
        Alt = alt;
        Policy = policy;
    }

    /// <summary>
    /// The stored record. A model loaded from the store with a matching summary keeps only the stored UTF-8 and decodes
    /// it on each read, so 100 000 loaded objects hold no certificate text or key ciphertext as strings (DESIGN.md §11):
    /// read it once per use, and use <see cref="Id"/>, <see cref="Name"/>, <see cref="Labels"/>, <see cref="Facts"/>
    /// for what every object is filtered or indexed by.
    /// </summary>
    public SslObjectRecord Record => _record ?? _stored!.Decode();

    /// <summary>The store's mod revision of this object.</summary>
    public long Revision { get; }

    public SslObjectType Type { get; }

    /// <summary>The primary certificate's facts (selection by SNI uses these).</summary>
    public CertificateFacts Facts { get; }

    /// <summary>The CRLs client certificates are checked against (DESIGN.md §12).</summary>
    public RevocationLists Revocation { get; }
    /// <summary>The alternative certificate (the other key type for the same names), or null.</summary>
    public AltCertificateFacts? Alt { get; }

    /// <summary>The TLS versions and TLS 1.2 suites of this object's handshakes.</summary>
    public TlsPolicy Policy { get; }

    public string Id { get; }

    /// <summary>The optional unique name (DESIGN.md §13), or null.</summary>
    public string? Name { get; }

    public IReadOnlyList<string> Labels { get; }

    public bool IsFallback { get; }

    /// <summary>The earlier of the two certificates' <c>not_after</c>: expiry listings and alerts look at both.</summary>
    public DateTimeOffset EarliestNotAfter => Alt is { } alt && alt.NotAfter < Facts.NotAfter ? alt.NotAfter : Facts.NotAfter;

    /// <summary>
    /// Builds the model from a stored record: from its stored summary when that still matches the certificate text it
    /// was derived from (no X.509 parse, DESIGN.md §11), otherwise re-running the certificate checks. A bad item is
    /// refused here (with the errors) so a reader can keep the last good revision of that key.
    /// </summary>
    public static SslObjectModel Load(SslObjectRecord record, long revision, DateTimeOffset now) => Load(record, (StoredSslValue?)null, revision, now);

    /// <summary>
    /// <see cref="Load(SslObjectRecord, long, DateTimeOffset)"/> for a record decoded from <paramref name="storedUtf8"/>
    /// (a store's value, which must not change afterwards): when the summary matches, the model keeps those bytes and
    /// not the decoded record.
    /// </summary>
    public static SslObjectModel Load(SslObjectRecord record, ReadOnlyMemory<byte> storedUtf8, long revision, DateTimeOffset now) =>
        Load(record, new StoredSslValue(storedUtf8), revision, now);

    private static SslObjectModel Load(SslObjectRecord record, StoredSslValue? stored, long revision, DateTimeOffset now)
    {
        if (!SslObjectTypes.TryParse(record.Type, out var type))
            throw ValidationErrors.Of("type", "invalid_parameter", "The stored object has an unknown type.");
        if ((record.AltCertificate is null) != (record.AltPrivateKey is null))
            throw ValidationErrors.Of("alt_certificate", "invalid_parameter", "The stored object has only half of an alt certificate.");
        return record.Summary is { } summary && summary.Describes(record) && (summary.Alt is null) == (record.AltCertificate is null)
            ? FromSummary(record, stored, revision, type, summary)
            : Parse(record, revision, type, now);
    }

    /// <summary>
    /// <paramref name="record"/> with the summary of its certificates (<see cref="CertificateSummary"/>), derived now
    /// unless the one it carries still describes it; without one when the object is not valid or is one a summary never
    /// describes. Every write stores this form, so the next load parses nothing.
    /// </summary>
    public static SslObjectRecord Summarized(SslObjectRecord record)
    {
        if (record.Summary is { } summary && summary.Describes(record)) return record;
        var unsummarized = record with { Summary = null };
        try
        {
            var model = Load(unsummarized, 0, DateTimeOffset.UnixEpoch);
            return record with { Summary = CertificateSummary.Of(record, model.Facts, model.Alt) };
        }
        catch (ValidationErrors)
        {
            return unsummarized;
        }
    }

    /// <summary>A load that trusts the stored summary: no certificate is parsed (the TLS context build reads the record's PEM).</summary>
    private static SslObjectModel FromSummary(SslObjectRecord record, StoredSslValue? stored, long revision, SslObjectType type,
        CertificateSummary summary)
    {
        var errors = new List<ValidationError>();
        var policy = TlsPolicyValidator.Validate(record.MinTlsVersion, record.Tls12CipherSuites, type, errors);
        if (policy is null || errors.Count > 0) throw new ValidationErrors(errors);
        var facts = CertificateFacts.FromSummary(summary, ChainSourceOf(record, stored, alt: false));
        var alt = summary.Alt is { } altSummary ? AltCertificateFacts.FromSummary(altSummary, ChainSourceOf(record, stored, alt: true)) : null;
        return new SslObjectModel(record, stored, revision, type, facts, RevocationLists.None, alt, policy);
    }

    /// <summary>Where a chain's PEM is read for its first parse: the stored value when the model keeps that, else the record.</summary>
    private static ChainSource ChainSourceOf(SslObjectRecord record, StoredSslValue? stored, bool alt) =>
        stored is null ? new ChainSource(record, alt) : new ChainSource(stored, alt);

    private static SslObjectModel Parse(SslObjectRecord record, long revision, SslObjectType type, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var facts = CertificateInspector.Inspect(record.Certificate, record.CaCertificate, type, record.Fallback, now, errors);
        var revocation = facts is null ? null : CrlReader.Read(record.Crl, record.CrlStrict, facts.CaCertificates, errors);
        var policy = TlsPolicyValidator.Validate(record.MinTlsVersion, record.Tls12CipherSuites, type, errors);
        if (facts is null || revocation is null || policy is null || errors.Count > 0) throw new ValidationErrors(errors);
        var alt = record.AltCertificate is null ? null : AltCertificateInspector.Load(record.AltCertificate, facts, type);
        return new SslObjectModel(record, null, revision, type, facts, revocation, alt, policy);
    }
}
