using System.Text.Json;

namespace Gatehouse.Testing.Tls;

/// <summary>What curl got: the status (0 when no response), the negotiated HTTP version, the body, curl's exit code and stderr.</summary>
public sealed record CurlResult(int Status, string HttpVersion, string Body, int ExitCode, string Stderr)
{
    /// <summary>True when an HTTP response arrived (the TLS session, client certificate included, was accepted).</summary>
    public bool Answered => ExitCode == 0 && Status is > 0 and < 600;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The data-plane error code of a JSON error body.</summary>
    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
}
