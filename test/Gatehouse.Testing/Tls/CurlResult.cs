using System.Text.Json;

namespace Gatehouse.Testing.Tls;

/// <summary>What curl got: the status (0 when no response), the negotiated HTTP version, the body, curl's exit code and stderr.</summary>
public sealed record CurlResult(int Status, string HttpVersion, string Body, int ExitCode, string Stderr)
{
    /// <summary>True when an HTTP response arrived (the TLS session, client certificate included, was accepted).</summary>
    public bool Answered => ExitCode == 0 && Status is > 0 and < 600;

    /// <summary>
    /// True only when curl reached the server and the TLS session was then ended without an HTTP response: the handshake
    /// failed (35), or, under TLS 1.3 where a client certificate is judged after the handshake, the connection was closed
    /// under the first send or read (52, 55, 56; with HTTP/2 16, 18 or 92). A port curl could not connect to (7), a
    /// timeout (28) or a local problem (a client certificate file curl cannot use: 58) is not a refusal.
    /// </summary>
    public bool RefusedTls => Status == 0 && ExitCode is 16 or 18 or 35 or 52 or 55 or 56 or 92;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>For assertion messages: never parses the body (a refused transfer has none).</summary>
    public override string ToString() =>
        $"status {Status}, curl exit {ExitCode}, HTTP {HttpVersion}; stderr: {Stderr.Trim()}; body: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";

    /// <summary>The data-plane error code of a JSON error body.</summary>
    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
}
