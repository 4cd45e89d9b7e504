namespace Gatehouse.Acme;

/// <summary>The CA's suggested renewal window (RFC 9773 §4.2) and when to ask again.</summary>
/// <param name="RetryAfter">How long the answer holds (the response's <c>Retry-After</c>), or null.</param>
public sealed record RenewalWindow(DateTimeOffset Start, DateTimeOffset End, string? ExplanationUrl, TimeSpan? RetryAfter);
