using System.Text;
using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>
/// A gateway whose watch must resume below etcd's compacted revision resyncs by itself from a full read (issue 11 item 6,
/// DESIGN.md §11): it serves what changed while it was away, stops serving what was deleted, keeps what did not change.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class GatewayCompactionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_gateway_whose_revision_was_compacted_away_resyncs_by_itself_and_serves_the_current_state()
    {
        await using var roles = await SplitRoles.StartAsync(gateways: 1);
        var gateway = roles.Gateways[0];
        var root = TestPki.CreateRoot();
        using var admin = roles.ControlPlane.AdminClient();
        var kept = root.Issue("kept.compaction.test");
        var rotated = root.Issue("rotated.compaction.test");
        var removed = root.Issue("removed.compaction.test");
        await admin.CreateAsync(SslJson.Body(kept));
        var rotatedId = (await admin.CreateAsync(SslJson.Body(rotated))).GetProperty("id").GetString()!;
        var created = await admin.CreateAsync(SslJson.Body(removed));
        var removedId = created.GetProperty("id").GetString()!;
        await roles.WaitForGatewaysAsync(created.GetProperty("revision").GetInt64(), Within);
        Assert.Equal(removed.FingerprintSha256, await SplitRolesTests.ServedAsync(gateway.HttpsPort, "removed.compaction.test", removed.FingerprintSha256));
        var gatewayRevision = await SplitRoles.ServedRevisionAsync(gateway);

        // Frozen while etcd restarts, the gateway wakes on a dead connection: its watch resumes from the revision after
        // the last it applied, which the store has meanwhile changed past and compacted away.
        var renewed = root.Issue("rotated.compaction.test");
        var added = root.Issue("added.compaction.test");
        long compactedAt;
        gateway.Freeze();
        try
        {
            await roles.Etcd.StopAsync();
            await roles.Etcd.RestartAsync();
            // The control plane's channel reconnects by itself; a write made before it has may fail with 503.
            var put = await Eventually.ValueAsync<int?>(async () =>
                (await admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{rotatedId}", SslJson.Body(renewed))).Status, Within, s => s == 200);
            Assert.Equal(200, put);
            var (deleted, _, deleteText) = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/ssls/{removedId}?confirm={removedId}");
            Assert.True(deleted is 200 or 204, deleteText);
            compactedAt = (await admin.CreateAsync(SslJson.Body(added))).GetProperty("revision").GetInt64();
            Assert.True(compactedAt > gatewayRevision + 2, $"compacting at {compactedAt} must pass the gateway's revision {gatewayRevision}");
            await CompactAsync(roles.Etcd.Endpoint, compactedAt);
        }
        finally
        {
            gateway.Thaw();
        }

        await roles.WaitForGatewaysAsync(compactedAt, Within);
        Assert.Equal(renewed.FingerprintSha256, await SplitRolesTests.ServedAsync(gateway.HttpsPort, "rotated.compaction.test", renewed.FingerprintSha256, Within));
        Assert.Equal(added.FingerprintSha256, await SplitRolesTests.ServedAsync(gateway.HttpsPort, "added.compaction.test", added.FingerprintSha256, Within));
        Assert.Equal(kept.FingerprintSha256, await TlsProbe.ServedFingerprintAsync(gateway.HttpsPort, "kept.compaction.test"));
        // Refused, not a probe that could not run (that throws).
        Assert.Null(await TlsProbe.ServedFingerprintAsync(gateway.HttpsPort, "removed.compaction.test"));
        // It got there by a resync after the compaction, not by watch events (etcd had none left to deliver).
        Assert.Contains($"Watch history compacted after revision {gatewayRevision}", gateway.Output);

        // And it follows the store's watch again afterwards.
        var later = root.Issue("later.compaction.test");
        await admin.CreateAsync(SslJson.Body(later));
        Assert.Equal(later.FingerprintSha256, await SplitRolesTests.ServedAsync(gateway.HttpsPort, "later.compaction.test", later.FingerprintSha256, Within));
    }

    /// <summary>Compacts etcd's history at <paramref name="revision"/> through its JSON gateway (<c>/v3/kv/compaction</c>).</summary>
    private static async Task CompactAsync(string endpoint, long revision)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = JsonSerializer.Serialize(new { revision, physical = true });
        using var response = await http.PostAsync($"{endpoint}/v3/kv/compaction", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
