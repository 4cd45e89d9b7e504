namespace Gatehouse.Acme;

/// <summary>An order object (RFC 8555 §7.1.3) and the URL it lives at.</summary>
public sealed record AcmeOrder(
    string Status,
    IReadOnlyList<AcmeIdentifier> Identifiers,
    IReadOnlyList<Uri> Authorizations,
    Uri Finalize,
    Uri? Certificate = null,
    DateTimeOffset? Expires = null,
    AcmeProblem? Error = null)
{
    /// <summary>The order's URL (the <c>Location</c> of newOrder).</summary>
    public Uri? Url { get; init; }
}
