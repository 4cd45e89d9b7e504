using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatehouse.Functional.Tests.Api;

/// <summary>Builds service request bodies and reads service responses.</summary>
public static class ServiceJson
{
    /// <summary>A valid service body: one plain HTTP target on 192.0.2.10 (never contacted by these tests).</summary>
    public static JsonObject Body(string[] hosts, string? pathPrefix = null, string[]? protocols = null, JsonObject? upstream = null)
    {
        var body = new JsonObject
        {
            // Service names are unique (DESIGN.md §13): tests that reuse a host under another prefix get distinct names.
            ["name"] = $"svc {hosts[0]}{pathPrefix} {Guid.NewGuid():N}",
            ["hosts"] = new JsonArray([.. hosts.Select(h => JsonValue.Create(h))]),
            ["upstream"] = upstream ?? Upstream(),
        };
        if (pathPrefix is not null) body["path_prefix"] = pathPrefix;
        if (protocols is not null) body["protocols"] = new JsonArray([.. protocols.Select(p => JsonValue.Create(p))]);
        return body;
    }

    public static JsonObject Upstream(string host = "192.0.2.10", int port = 8080, string scheme = "http", string? clientSslId = null)
    {
        var upstream = new JsonObject
        {
            ["scheme"] = scheme,
            ["targets"] = new JsonArray(new JsonObject { ["host"] = host, ["port"] = port }),
        };
        if (clientSslId is not null) upstream["client_ssl_id"] = clientSslId;
        return upstream;
    }

    public static async Task<JsonElement> CreateServiceAsync(this HttpClient client, JsonNode body)
    {
        var (status, created, text) = await client.SendAsync(HttpMethod.Post, "/api/v1/services", body);
        Assert.True(status == 201, $"expected 201, got {status}: {text}");
        return created;
    }

    /// <summary>The ids of the stored services that list <paramref name="host"/> (every page).</summary>
    public static async Task<IReadOnlyList<string>> ServiceIdsForHostAsync(this HttpClient client, string host)
    {
        var (status, page, text) = await client.SendAsync(HttpMethod.Get, $"/api/v1/services?host={Uri.EscapeDataString(host)}&limit=1000");
        Assert.True(status == 200, text);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    public static string Id(this JsonElement item) => item.GetProperty("id").GetString()!;

    /// <summary>(field, code) of every detail of an error response.</summary>
    public static IReadOnlyList<(string? Field, string Code)> Details(this JsonElement error) =>
        [.. error.GetProperty("error").GetProperty("details").EnumerateArray().Select(d =>
            (d.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null, d.GetProperty("code").GetString()!))];

    public static IReadOnlyList<string> DetailMessages(this JsonElement error) =>
        [.. error.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("message").GetString()!)];
}
