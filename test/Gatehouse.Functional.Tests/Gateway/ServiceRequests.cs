using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>Creates services through the Admin API and waits until the gateway serves them.</summary>
public static class ServiceRequests
{
    public static JsonObject Body(string name, string[] hosts, params (int Port, int Weight)[] targets) => new()
    {
        ["name"] = name,
        ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode)h)]),
        ["path_prefix"] = "/",
        ["protocols"] = new JsonArray("http", "https"),
        ["upstream"] = new JsonObject
        {
            ["scheme"] = "http",
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)new JsonObject { ["host"] = "127.0.0.1", ["port"] = t.Port, ["weight"] = t.Weight })]),
            ["pass_host"] = "pass",
            // Generous: on a busy two-core machine a loopback connect or a response can take seconds.
            ["timeouts"] = new JsonObject { ["connect_ms"] = 5000, ["read_ms"] = 15000 },
        },
    };

    /// <summary>POSTs the service (forced past guards), waits for the gateway to serve it, returns its id.</summary>
    public static async Task<string> CreateServiceAsync(this GatehouseProcess process, JsonObject body)
    {
        using var admin = process.AdminClient();
        var (status, json, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/services?force=true", body);
        Assert.True(status == 201, $"expected 201, got {status}: {text}");
        await GatewayRevision.WaitForAsync(process, json.GetProperty("revision").GetInt64(), TimeSpan.FromSeconds(15));
        return json.GetProperty("id").GetString()!;
    }

    /// <summary>Creates a server SSL object and waits for the gateway to serve it; returns its id.</summary>
    public static async Task<string> CreateSslAsync(this GatehouseProcess process, JsonNode body)
    {
        using var admin = process.AdminClient();
        var created = await admin.CreateAsync(body);
        await GatewayRevision.WaitForAsync(process, created.GetProperty("revision").GetInt64(), TimeSpan.FromSeconds(15));
        return created.GetProperty("id").GetString()!;
    }
}
