namespace Gatehouse.Acme;

/// <summary>A successful ACME response: its body and the headers the protocol uses.</summary>
internal sealed record AcmeResponse(int Status, string Body, Uri? Location, TimeSpan? RetryAfter);
