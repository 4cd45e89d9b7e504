using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;

namespace Gatehouse.Functional.Tests.Access;

/// <summary>Creates named tokens through the real API.</summary>
public static class NamedTokens
{
    /// <summary>POST /api/v1/tokens with the given admin client; returns the secret (asserting 201).</summary>
    public static async Task<string> CreateAsync(HttpClient admin, string name, string role, DateTimeOffset? expiresAt = null)
    {
        var body = new JsonObject { ["name"] = name, ["role"] = role };
        if (expiresAt is { } expires) body["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var (status, json, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tokens", body);
        Assert.True(status == 201, $"expected 201, got {status}: {text}");
        return json.GetProperty("secret").GetString()!;
    }

    /// <summary>The token called <paramref name="name"/> in GET /api/v1/tokens, or null.</summary>
    public static async Task<JsonElement?> FindAsync(HttpClient admin, string name)
    {
        var (status, json, _) = await admin.SendAsync(HttpMethod.Get, "/api/v1/tokens");
        Assert.Equal(200, status);
        foreach (var item in json.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("name").GetString() == name) return item;
        }
        return null;
    }
}
