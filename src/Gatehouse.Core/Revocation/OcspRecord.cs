using System.Text.Json;
using Gatehouse.Core.Json;

namespace Gatehouse.Core.Revocation;

/// <summary>
/// The OCSP state of one server object, stored under <c>/gatehouse/ocsp/{id}</c> so every gateway staples the same
/// response and a cluster asks the responder once per refresh (DESIGN.md §12). It is about the certificate with
/// <see cref="FingerprintSha256"/> only: a rotated object starts over.
/// </summary>
/// <param name="Status"><c>good</c>, <c>revoked</c> or <c>unknown</c>; null until a response was verified.</param>
/// <param name="Response">The verified response (base64 DER) to staple, or null.</param>
/// <param name="NextFetchAt">When the next fetch is due: half-way through the response's validity, or after a backoff.</param>
/// <param name="LeaseUntil">A fetch in flight: until then no other control plane asks the responder.</param>
public sealed record OcspRecord(
    string SslId,
    string FingerprintSha256,
    string? Status,
    DateTimeOffset? ThisUpdate,
    DateTimeOffset? NextUpdate,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? FetchedAt,
    string? Error,
    string? Response,
    int Failures,
    DateTimeOffset NextFetchAt,
    DateTimeOffset? LeaseUntil)
{
    public const string Good = "good";
    public const string Revoked = "revoked";

    public string Encode() => JsonSerializer.Serialize(this, GatehouseJson.Options);

    public static OcspRecord? TryDecode(string value)
    {
        try
        {
            var record = JsonSerializer.Deserialize<OcspRecord>(value, GatehouseJson.Options);
            return record is { SslId: not null, FingerprintSha256: not null } ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when this record says the certificate <paramref name="fingerprint"/> is revoked.</summary>
    public bool Revokes(string fingerprint) => Status == Revoked && FingerprintSha256 == fingerprint;

    /// <summary>The response to staple for <paramref name="fingerprint"/> at <paramref name="now"/>, or null.</summary>
    public byte[]? StapleFor(string fingerprint, DateTimeOffset now) =>
        Response is not null && FingerprintSha256 == fingerprint && (NextUpdate is not { } next || next > now)
            ? Convert.FromBase64String(Response)
            : null;
}
