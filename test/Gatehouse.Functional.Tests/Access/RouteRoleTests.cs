using System.Text.Json;
using Gatehouse.Functional.Tests.Api;

namespace Gatehouse.Functional.Tests.Access;

/// <summary>
/// Walks every operation of the OpenAPI document against a table of expected roles: a route missing from the table (a
/// new route nobody classified) fails, a route whose declared role differs fails, and each role is tried against each
/// route over HTTP — 403 <c>forbidden</c> naming the role below it, anything but 401/403 at or above it.
/// </summary>
public sealed class RouteRoleTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    /// <summary>DESIGN.md §14: viewers read, operators write SSL objects and services, admins do the rest.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/ssls"] = "viewer",
        ["POST /api/v1/ssls"] = "operator",
        ["GET /api/v1/ssls/{id}"] = "viewer",
        ["PUT /api/v1/ssls/{id}"] = "operator",
        ["DELETE /api/v1/ssls/{id}"] = "operator",
        ["GET /api/v1/sni/{host}"] = "viewer",
        ["GET /api/v1/sni"] = "viewer",
        ["GET /api/v1/services"] = "viewer",
        ["POST /api/v1/services"] = "operator",
        ["GET /api/v1/services/{id}"] = "viewer",
        ["PUT /api/v1/services/{id}"] = "operator",
        ["DELETE /api/v1/services/{id}"] = "operator",
        ["GET /api/v1/tokens"] = "admin",
        ["POST /api/v1/tokens"] = "admin",
        ["DELETE /api/v1/tokens/{name}"] = "admin",
        ["GET /api/v1/notifiers"] = "admin",
        ["POST /api/v1/notifiers"] = "admin",
        ["GET /api/v1/notifiers/{id}"] = "admin",
        ["PUT /api/v1/notifiers/{id}"] = "admin",
        ["DELETE /api/v1/notifiers/{id}"] = "admin",
        ["GET /api/v1/events"] = "viewer",
        ["GET /api/v1/export"] = "viewer",
        ["POST /api/v1/apply"] = "operator",
        ["GET /api/v1/acme/issuers"] = "viewer",
        ["POST /api/v1/acme/issuers"] = "admin",
        ["GET /api/v1/acme/issuers/{id}"] = "viewer",
        ["PUT /api/v1/acme/issuers/{id}"] = "admin",
        ["DELETE /api/v1/acme/issuers/{id}"] = "admin",
        ["POST /api/v1/ssls/{id}/renew"] = "operator",
        ["POST /api/v1/ssls/{id}/detach"] = "operator",
    };

    private static readonly string[] Roles = ["viewer", "operator", "admin"];

    [Fact]
    public async Task Every_api_route_in_the_openapi_document_declares_the_expected_role()
    {
        var operations = await OperationsAsync();
        var unexpected = operations.Keys.Except(Expected.Keys).ToList();
        Assert.True(unexpected.Count == 0, "routes with no expected role in this table: " + string.Join(", ", unexpected));
        var missing = Expected.Keys.Except(operations.Keys).ToList();
        Assert.True(missing.Count == 0, "routes expected but absent from the OpenAPI document: " + string.Join(", ", missing));
        foreach (var (route, role) in operations) Assert.True(Expected[route] == role, $"{route} declares {role ?? "no role"}, expected {Expected[route]}");
    }

    [Fact]
    public async Task Each_role_gets_exactly_the_routes_of_its_rank()
    {
        using var admin = fixture.Process.AdminClient();
        var secrets = new Dictionary<string, string>();
        foreach (var role in Roles) secrets[role] = await NamedTokens.CreateAsync(admin, $"walk-{role}", role);

        foreach (var route in (await OperationsAsync()).Keys)
        {
            var needed = Array.IndexOf(Roles, Expected.GetValueOrDefault(route, "admin"));
            foreach (var role in Roles)
            {
                using var client = fixture.Process.AdminClient(secrets[role]);
                var (status, body, text) = await SendAsync(client, route, force: false);
                if (Array.IndexOf(Roles, role) < needed)
                {
                    Assert.True(status == 403, $"{role} on {route}: expected 403, got {status} {text}");
                    Assert.Equal("forbidden", body.Code());
                    Assert.Contains($"needs the {Roles[needed]} role", text);
                }
                else
                {
                    Assert.True(status is not (401 or 403), $"{role} on {route}: expected to be let through, got {status} {text}");
                }
            }
        }
    }

    [Fact]
    public async Task Forcing_a_write_needs_admin()
    {
        using var admin = fixture.Process.AdminClient();
        var secret = await NamedTokens.CreateAsync(admin, "force-operator", "operator");
        using var operatorClient = fixture.Process.AdminClient(secret);
        foreach (var route in Expected.Where(e => e.Value == "operator").Select(e => e.Key))
        {
            var (status, body, text) = await SendAsync(operatorClient, route, force: true);
            Assert.True(status == 403, $"operator forcing {route}: expected 403, got {status} {text}");
            Assert.Contains("needs the admin role", body.GetProperty("error").GetProperty("message").GetString());
            Assert.True((await SendAsync(admin, route, force: true)).Status is not (401 or 403), route);
        }
        // A read is not raised by a stray force parameter.
        Assert.Equal(200, (await operatorClient.SendAsync(HttpMethod.Get, "/api/v1/ssls?force=true")).Status);
    }

    /// <summary>"METHOD /path" → the role the operation publishes (x-gatehouse-role), for every /api operation.</summary>
    private async Task<Dictionary<string, string?>> OperationsAsync()
    {
        using var client = new HttpClient { BaseAddress = fixture.Process.AdminUri };
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var operations = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description") continue;
                var role = operation.Value.TryGetProperty("x-gatehouse-role", out var r) ? r.GetString() : null;
                operations[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = role;
            }
        }
        Assert.NotEmpty(operations);
        return operations;
    }

    /// <summary>Sends a request to the route with made-up path values and an empty JSON body: the role check comes first.</summary>
    private static Task<(int Status, JsonElement Body, string Text)> SendAsync(HttpClient client, string route, bool force)
    {
        var space = route.IndexOf(' ');
        var method = new HttpMethod(route[..space]);
        var path = route[(space + 1)..].Replace("{id}", "01hzzzzzzzzzzzzzzzzzzzzzzz").Replace("{host}", "nothing.test").Replace("{name}", "nobody");
        if (force) path += "?force=true";
        return client.SendAsync(method, path, method == HttpMethod.Post || method == HttpMethod.Put ? new System.Text.Json.Nodes.JsonObject() : null);
    }
}
