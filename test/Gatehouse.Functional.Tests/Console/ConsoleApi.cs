using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;

namespace Gatehouse.Functional.Tests.Console;

/// <summary>Arranges and checks state through the Admin API (the console's results are verified there, not on the page).</summary>
public static class ConsoleApi
{
    public static async Task<string> CreateHttpsServiceAsync(this HttpClient api, string name, params string[] hosts)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode)h)]),
            ["protocols"] = new JsonArray("https"),
            ["upstream"] = new JsonObject
            {
                ["scheme"] = "http",
                ["targets"] = new JsonArray(new JsonObject { ["host"] = "127.0.0.1", ["port"] = 9 }),
            },
        };
        var (status, json, text) = await api.SendAsync(HttpMethod.Post, "/api/v1/services", body);
        Assert.True(status == 201, text);
        return json.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement?> GetSslAsync(this HttpClient api, string id)
    {
        var (status, json, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}");
        return status == 200 ? json : null;
    }

    public static async Task<int> CountSslsAsync(this HttpClient api)
    {
        var (_, json, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/ssls?limit=1000");
        return json.GetProperty("items").GetArrayLength();
    }
}
