using System.Net;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>A gateway that loses etcd keeps serving its last snapshot and follows the store again once it is back (DESIGN.md §6).</summary>
[Collection(TimingCollection.Name)]
public sealed class StoreOutageTests
{
    [Fact]
    public async Task A_gateway_serves_its_last_snapshot_while_etcd_is_down_and_picks_up_a_write_after_it_restarts()
    {
        await using var roles = await SplitRoles.StartAsync(gateways: 1);
        var gateway = roles.Gateways[0];
        var root = TestPki.CreateRoot();
        using var admin = roles.ControlPlane.AdminClient();
        var before = root.Issue("before.outage.test");
        var created = await admin.CreateAsync(SslJson.Body(before));
        await roles.WaitForGatewaysAsync(created.GetProperty("revision").GetInt64(), TimeSpan.FromSeconds(5));

        await roles.Etcd.StopAsync();
        using var status = new HttpClient { BaseAddress = gateway.StatusUri, Timeout = TimeSpan.FromSeconds(10) };
        var ready = await status.GetAsync("/readyz");
        var readyText = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, readyText);
        Assert.Contains("unreachable", readyText);
        Assert.Equal(before.FingerprintSha256, await TlsProbe.ServedFingerprintAsync(gateway.HttpsPort, "before.outage.test"));
        // A write while the store is down is refused with 503 store_unavailable, not a 500 or a hang.
        var (down, refusal, downText) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", SslJson.Body(root.Issue("during.outage.test")));
        Assert.True(down == 503, downText);
        Assert.Equal("store_unavailable", refusal.Code());

        await roles.Etcd.RestartAsync();
        var after = root.Issue("after.outage.test");
        // The control plane's channel reconnects by itself; a write made before it has may fail with 503.
        var status201 = await Eventually.ValueAsync<int?>(async () =>
        {
            var (code, _, _) = await admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", SslJson.Body(after));
            return code;
        }, TimeSpan.FromSeconds(15), code => code == 201);
        Assert.Equal(201, status201);
        Assert.Equal(after.FingerprintSha256,
            await SplitRolesTests.ServedAsync(gateway.HttpsPort, "after.outage.test", after.FingerprintSha256, TimeSpan.FromSeconds(20)));
        Assert.Equal(before.FingerprintSha256, await TlsProbe.ServedFingerprintAsync(gateway.HttpsPort, "before.outage.test"));
    }
}
