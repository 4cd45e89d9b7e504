using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>The response shape of an SSL object (DESIGN.md §2). It has no field that could hold the key.</summary>
public sealed record SslObjectView(
    string Id,
    string Type,
    string Certificate,
    string? CaCertificate,
    IReadOnlyList<string> Labels,
    bool Fallback,
    IReadOnlyList<string> Snis,
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string FingerprintSha256,
    string KeyAlgorithm,
    bool PeerAuthentication,
    string Status,
    IReadOnlyList<string> Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision,
    string? Crl,
    bool CrlStrict,
    IReadOnlyList<CrlView> Crls,
    string? MinTlsVersion,
    IReadOnlyList<string>? Tls12CipherSuites,
    string? AltCertificate,
    string? AltKeyAlgorithm,
    string? AltFingerprintSha256,
    DateTimeOffset? AltNotAfter,
    OcspView? Ocsp)
{
    /// <summary>The optional unique name (DESIGN.md §13), or null.</summary>
    public string? Name { get; init; }

    /// <summary>The read-only ACME facts of a managed object (DESIGN.md §12); null for an object uploaded by hand.</summary>
    public Gatehouse.ControlPlane.Acme.AcmeFactsView? Acme { get; init; }

    /// <summary>Every response field: a request naming one of these (other than the writable ones) gets <c>read_only_field</c>.</summary>
    public static IReadOnlySet<string> ReadOnlyFields { get; } = new HashSet<string>
    {
        "id", "snis", "subject", "issuer", "serial_number", "not_before", "not_after", "fingerprint_sha256",
        "key_algorithm", "peer_authentication", "status", "warnings", "created_at", "updated_at", "revision", "crls",
        "alt_key_algorithm", "alt_fingerprint_sha256", "alt_not_after", "ocsp",
    };

    /// <summary>The API's view of an object: <see cref="From(SslObjectModel, DateTimeOffset, Core.Revocation.OcspRecord?)"/> with its ACME facts when it is managed.</summary>
    public static SslObjectView From(SslObjectModel model, DateTimeOffset now, Core.Revocation.OcspRecord? ocsp, Gatehouse.ControlPlane.Acme.ManagedRecord? managed) =>
        From(model, now, ocsp) with { Acme = managed is null ? null : Gatehouse.ControlPlane.Acme.AcmeFactsView.From(managed) };

    /// <param name="ocsp">The object's OCSP record about its current certificate, if any: a revoked answer makes the status <c>revoked</c>.</param>
    public static SslObjectView From(SslObjectModel model, DateTimeOffset now, Core.Revocation.OcspRecord? ocsp = null)
    {
        var facts = model.Facts;
        var record = model.Record;
        var alt = model.Alt;
        var server = model.Type == SslObjectType.Server;
        IReadOnlyList<string> warnings = alt?.WarningAt(now) is { } altWarning
            ? [.. facts.WarningsAt(now), altWarning]
            : facts.WarningsAt(now);
        return new SslObjectView(record.Id, record.Type, record.Certificate, record.CaCertificate, record.Labels,
            record.Fallback, facts.Snis, facts.Subject, facts.Issuer, facts.SerialNumber,
            Utc(facts.NotBefore), Utc(facts.NotAfter), facts.FingerprintSha256, facts.KeyAlgorithm,
            facts.PeerAuthentication, ocsp?.Revokes(facts.FingerprintSha256) == true ? "revoked" : facts.StatusAt(now),
            [.. warnings, .. model.Revocation.WarningsAt(now)],
            Utc(record.CreatedAt), Utc(record.UpdatedAt), model.Revision, record.Crl, record.CrlStrict,
            [.. model.Revocation.Lists.Select(CrlView.From)],
            // The policy applies to server objects only: a client object shows none (and a GET-merge-PUT sends none back).
            server ? model.Policy.MinTlsVersion : null, server ? model.Policy.Tls12CipherSuites : null, record.AltCertificate,
            alt?.KeyAlgorithm, alt?.FingerprintSha256, alt is null ? null : Utc(alt.NotAfter), OcspView.From(ocsp, now))
        {
            Name = record.Name,
        };
    }

    private static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();
}
