using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>Builds SSL object request bodies and reads responses.</summary>
public static class SslJson
{
    public static JsonObject Body(TestCert cert, string? type = null, string? ca = null, bool? fallback = null, bool withKey = true)
    {
        var body = new JsonObject { ["certificate"] = cert.ChainPem };
        if (withKey) body["private_key"] = cert.KeyPem;
        if (type is not null) body["type"] = type;
        if (ca is not null) body["ca_certificate"] = ca;
        if (fallback is not null) body["fallback"] = fallback;
        return body;
    }

    public static StringContent Content(JsonNode body) => Content(body.ToJsonString());

    public static StringContent Content(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> CreateAsync(this HttpClient client, JsonNode body)
    {
        var response = await client.PostAsync("/api/v1/ssls", Content(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(int Status, JsonElement Body, string Text)> SendAsync(this HttpClient client, HttpMethod method,
        string path, JsonNode? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = Content(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, json, text);
    }

    /// <summary>The error codes of every detail of an error response.</summary>
    public static IReadOnlyList<string> DetailCodes(this JsonElement error) =>
        [.. error.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("code").GetString()!)];

    public static string Code(this JsonElement error) => error.GetProperty("error").GetProperty("code").GetString()!;

    /// <summary>The base64 body lines of a PEM text (what must never appear anywhere).</summary>
    public static IReadOnlyList<string> Base64Lines(string pem) =>
        [.. pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 40 && !l.StartsWith("-----", StringComparison.Ordinal))];
}
