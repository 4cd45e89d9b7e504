using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Storage;
using Gatehouse.Testing.Pki;

namespace Gatehouse.ControlPlane.Tests.Configuration;

/// <summary>
/// The control plane answers from its model (DESIGN.md §11): no request lists the store, a write is answered only
/// once the model has it, and one bad stored item cannot turn writes into server errors.
/// </summary>
public sealed class ModelReadTests
{
    private static JsonObject Ssl(TestCert cert) => new() { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem };

    private static JsonObject Service(string host) => new()
    {
        ["name"] = "web",
        ["hosts"] = new JsonArray(host),
        ["upstream"] = new JsonObject { ["targets"] = new JsonArray(new JsonObject { ["host"] = "192.0.2.10", ["port"] = 8080 }) },
    };

    [Fact]
    public async Task No_read_or_write_lists_the_store()
    {
        // No background store probe during the test (only the one at start), so every Get counted below is a request's.
        await using var plane = await InProcessControlPlane.StartAsync(storeProbeInterval: TimeSpan.FromHours(1));
        // The feed's start-up listing; the lifecycle loop lists its own small prefixes (claims, notifiers) in the background.
        AssertOneConfigurationListing(plane);

        var (created, ssl) = await plane.SendAsync(HttpMethod.Post, "/api/v1/ssls", Ssl(TestPki.SelfSigned("a.model.test")));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = ssl.GetProperty("id").GetString()!;
        var (serviceCreated, service) = await plane.SendAsync(HttpMethod.Post, "/api/v1/services", Service("a.model.test"));
        Assert.Equal(HttpStatusCode.Created, serviceCreated);
        var serviceId = service.GetProperty("id").GetString()!;
        var (replaced, _) = await plane.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}?force=true", Ssl(TestPki.SelfSigned("a.model.test")));
        Assert.Equal(HttpStatusCode.OK, replaced);
        var getsBefore = plane.Store.Gets;

        string[] reads =
        [
            "/api/v1/ssls", "/api/v1/ssls?limit=1", "/api/v1/ssls?type=server", "/api/v1/ssls?expiring_within=30d",
            "/api/v1/ssls?sni=a.model.test",
            "/api/v1/ssls?sort=expiry", "/api/v1/ssls?sort=expiry&limit=1&type=server&expiring_within=3650d", $"/api/v1/ssls/{id}", "/api/v1/sni/a.model.test", "/api/v1/sni/",
            "/api/v1/services", $"/api/v1/services/{serviceId}", "/api/v1/services?host=a.model.test", "/healthz", "/readyz", "/metrics",
        ];
        foreach (var path in reads)
        {
            using var response = await plane.Client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }

        AssertOneConfigurationListing(plane);
        // Only single-key reads touch the store: /readyz probes it, and GET /ssls/{id} reads the object's ACME record
        // (issue 14; the same cost at any number of objects). /metrics reads none (MetricsScrapeTests).
        Assert.Equal(getsBefore + 2, plane.Store.Gets);
    }

    private static void AssertOneConfigurationListing(InProcessControlPlane plane)
    {
        Assert.Equal(1, plane.Store.ListsCovering(StoreKeys.Ssls));
        Assert.Equal(1, plane.Store.ListsCovering(StoreKeys.Services));
    }

    [Fact]
    public async Task A_write_is_answered_only_once_the_model_reflects_it()
    {
        // Every watch event arrives 300 ms late: a write answered before its events were applied would not be readable yet.
        await using var plane = await InProcessControlPlane.StartAsync(store => store.WatchDelay = TimeSpan.FromMilliseconds(300));

        var (created, ssl) = await plane.SendAsync(HttpMethod.Post, "/api/v1/ssls", Ssl(TestPki.SelfSigned("ryw.model.test")));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = ssl.GetProperty("id").GetString()!;

        var (read, view) = await plane.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}");
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(ssl.GetProperty("revision").GetInt64(), view.GetProperty("revision").GetInt64());
        var (_, explained) = await plane.SendAsync(HttpMethod.Get, "/api/v1/sni/ryw.model.test");
        Assert.Equal(id, explained.GetProperty("winner").GetString());

        var (deleted, _) = await plane.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}")).Status);
    }

    [Fact]
    public async Task A_stored_service_missing_protocols_is_a_bad_item_and_ssl_writes_still_succeed()
    {
        await using var plane = await InProcessControlPlane.StartAsync();
        var (_, service) = await plane.SendAsync(HttpMethod.Post, "/api/v1/services", Service("bad.model.test"));
        var serviceId = service.GetProperty("id").GetString()!;
        var stored = (await plane.Store.GetAsync(StoreKeys.Service(serviceId)))!;
        Assert.Equal(HttpStatusCode.NoContent, (await plane.SendAsync(HttpMethod.Delete, $"/api/v1/services/{serviceId}?confirm={serviceId}")).Status);
        // Written around the API, as a hand edit or an older version could: a service whose value lacks "protocols".
        var edited = JsonNode.Parse(stored.Value)!.AsObject();
        Assert.True(edited.Remove("protocols"));
        var badId = Core.Ids.ObjectIds.NewId(DateTimeOffset.UtcNow);
        edited["id"] = badId;
        Assert.True((await plane.Store.PutAsync(StoreKeys.Service(badId), edited.ToJsonString(), 0)).Succeeded);
        await Eventually(async () => (await plane.SendAsync(HttpMethod.Get, "/readyz")).Body.GetProperty("bad_store_items").GetArrayLength() == 1);

        var (created, ssl) = await plane.SendAsync(HttpMethod.Post, "/api/v1/ssls", Ssl(TestPki.SelfSigned("bad.model.test")));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = ssl.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await plane.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", Ssl(TestPki.SelfSigned("bad.model.test")))).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await plane.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{id}?confirm={id}")).Status);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(50);
        }
    }
}
