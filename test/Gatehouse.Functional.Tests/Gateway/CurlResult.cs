using System.Text.Json;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>What curl got: the status, the negotiated HTTP version and the body.</summary>
public sealed record CurlResult(int Status, string HttpVersion, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The data-plane error code of a JSON error body.</summary>
    public string ErrorCode => Json.GetProperty("error").GetProperty("code").GetString()!;
}
