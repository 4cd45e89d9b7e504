using Gatehouse.Core.Revocation;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>The immutable runtime form of a stored SSL object: its record, store revision and parsed certificates.</summary>
public sealed class SslObjectModel
{
    private SslObjectModel(SslObjectRecord record, long revision, SslObjectType type, CertificateFacts facts, RevocationLists revocation)
    {
        Revocation = revocation;
        Record = record;
        Revision = revision;
        Type = type;
        Facts = facts;
    }

    public SslObjectRecord Record { get; }

    /// <summary>The store's mod revision of this object.</summary>
    public long Revision { get; }

    public SslObjectType Type { get; }

    public CertificateFacts Facts { get; }

    /// <summary>The CRLs client certificates are checked against (DESIGN.md §12).</summary>
    public RevocationLists Revocation { get; }

    public string Id => Record.Id;

    public bool IsFallback => Record.Fallback && Type == SslObjectType.Server;

    /// <summary>
    /// Builds the model from a stored record, re-running the certificate checks: a bad item is refused here
    /// (with the errors) so a reader can keep the last good revision of that key.
    /// </summary>
    public static SslObjectModel Load(SslObjectRecord record, long revision, DateTimeOffset now)
    {
        if (!SslObjectTypes.TryParse(record.Type, out var type))
            throw ValidationErrors.Of("type", "invalid_parameter", "The stored object has an unknown type.");
        var errors = new List<ValidationError>();
        var facts = CertificateInspector.Inspect(record.Certificate, record.CaCertificate, type, record.Fallback, now, errors);
        var revocation = facts is null ? null : CrlReader.Read(record.Crl, record.CrlStrict, facts.CaCertificates, errors);
        if (facts is null || revocation is null || errors.Count > 0) throw new ValidationErrors(errors);
        return new SslObjectModel(record, revision, type, facts, revocation);
    }
}
