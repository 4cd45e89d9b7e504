using Gatehouse.Core.Revocation;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>The read-only <c>ocsp</c> facts of a server object whose leaf names a responder (DESIGN.md §12).</summary>
public sealed record OcspView(string? Status, DateTimeOffset? ThisUpdate, DateTimeOffset? NextUpdate, DateTimeOffset? FetchedAt,
    string? Error, DateTimeOffset? RevokedAt, bool Stapled)
{
    public static OcspView? From(OcspRecord? record, DateTimeOffset now) => record is null
        ? null
        : new(record.Status, record.ThisUpdate?.ToUniversalTime(), record.NextUpdate?.ToUniversalTime(), record.FetchedAt?.ToUniversalTime(),
            record.Error, record.RevokedAt?.ToUniversalTime(), record.StapleFor(record.FingerprintSha256, now) is not null);
}
