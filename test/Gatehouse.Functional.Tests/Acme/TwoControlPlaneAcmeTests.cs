using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Functional.Tests.Lifecycle;
using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Acme;

/// <summary>
/// A cluster on one real etcd — two control planes, both running the ACME worker, and a separate gateway that answers
/// pebble's validations — places one order per issuance (DESIGN.md §12: a lease in the store, any number of control
/// planes). The orders are counted where they arrive: pebble logs "Added order" once per newOrder it accepts.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed partial class TwoControlPlaneAcmeTests
{
    [Fact]
    public async Task Two_control_planes_on_etcd_place_one_order_per_issuance_and_per_forced_renewal()
    {
        await using var etcd = await EtcdServer.StartAsync();
        var store = "etcd://" + new Uri(etcd.Endpoint).Authority;
        var environment = new Dictionary<string, string?>
        {
            ["GATEHOUSE_KEYRING"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Both workers look every 50 ms, so both see the object due at once and race for it.
            ["GATEHOUSE_ACME_INTERVAL_MS"] = "50",
        };
        await using var dns = new TestDnsServer();
        await using var first = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        await using var second = await GatehouseProcess.StartRoleAsync("control-plane", environment, waitReady: true, "--store", store);
        await using var gateway = await GatehouseProcess.StartRoleAsync("gateway", environment, waitReady: true, "--store", store);
        await using var pebble = await PebbleServer.StartAsync(gateway.HttpPort, gateway.HttpsPort, dns.Port);
        using var admin = first.AdminClient();
        using var otherAdmin = second.AdminClient();
        var issuer = await AcmePebbleTests.CreateIssuerAsync(admin, pebble);

        var (status, created, text) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject
        {
            ["acme"] = new JsonObject { ["issuer"] = issuer, ["domains"] = new JsonArray("cluster.acme.test") },
        });
        Assert.True(status == 201, text);
        var id = created.GetProperty("id").GetString()!;
        var issued = await AcmePebbleTests.WaitForAsync(otherAdmin, id, o => o.GetProperty("status").GetString() == "active"
            && o.GetProperty("acme").GetProperty("state").GetString() == "valid", pebble, second);
        var firstPrint = issued.GetProperty("fingerprint_sha256").GetString();

        // Many passes later (50 ms each, on both control planes): still the one order, and the object says so too.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(Orders(pebble) == 1, Report(pebble, first, second));
        var settled = await GetAsync(admin, id);
        Assert.Equal(1, settled.GetProperty("acme").GetProperty("history").GetArrayLength());
        Assert.Equal(firstPrint, await Eventually.ValueAsync(() => OpenSslClient.ServedFingerprintAsync(gateway.HttpsPort, "cluster.acme.test"),
            TimeSpan.FromSeconds(10), f => f == firstPrint));

        // A renewal forced on the second control plane: one more order, whichever node takes it.
        var (renewStatus, _, renewText) = await otherAdmin.SendAsync(HttpMethod.Post, $"/api/v1/ssls/{id}/renew", new JsonObject());
        Assert.True(renewStatus == 202, renewText);
        await AcmePebbleTests.WaitForAsync(admin, id, o => o.GetProperty("acme").GetProperty("state").GetString() == "valid"
            && o.GetProperty("fingerprint_sha256").GetString() != firstPrint, pebble, first);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(Orders(pebble) == 2, Report(pebble, first, second));
        var renewed = await GetAsync(admin, id);
        Assert.Equal(["issued", "renewed"], renewed.GetProperty("acme").GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("outcome").GetString()));
    }

    private static int Orders(PebbleServer pebble) => AddedOrder().Count(pebble.Output);

    private static string Report(PebbleServer pebble, GatehouseProcess first, GatehouseProcess second) =>
        $"orders: {Orders(pebble)}\n--- first:\n{first.Output}\n--- second:\n{second.Output}\n--- pebble:\n{pebble.Output}";

    private static async Task<JsonElement> GetAsync(HttpClient admin, string id)
    {
        using var document = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/ssls/{id}"));
        return document.RootElement.Clone();
    }

    [GeneratedRegex("Added order \"")]
    private static partial Regex AddedOrder();
}
