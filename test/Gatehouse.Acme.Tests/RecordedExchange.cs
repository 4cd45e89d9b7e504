using System.Net;

namespace Gatehouse.Acme.Tests;

/// <summary>One recorded request/response pair: what the client must send and what the CA answered.</summary>
internal sealed record RecordedExchange(string Method, string Url, HttpStatusCode Status, string Body = "",
    string? Nonce = null, string? Location = null, string? RetryAfter = null, string ContentType = "application/json");
