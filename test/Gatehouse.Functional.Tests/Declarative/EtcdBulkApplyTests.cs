using Gatehouse.Functional.Tests.Roles;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Declarative;

/// <summary>
/// A bulk apply on etcd (DESIGN.md §13): 1 000 objects do not fit one etcd transaction (128 operations), so they go in
/// ordered chunks with progress on the CLI, and every object ends up served by the gateway.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class EtcdBulkApplyTests
{
    [Fact]
    public async Task A_1000_object_apply_on_etcd_commits_in_chunks_and_every_object_is_served()
    {
        await using var roles = await SplitRoles.StartAsync(gateways: 1);
        var root = TestPki.CreateRoot("Bulk Root");
        var certs = Enumerable.Range(0, 1000).Select(i => root.Issue($"o{i}.bulk.test")).ToList();
        var document = new ConfigDocument();
        for (var i = 0; i < certs.Count; i++) document.Ssl($"bulk-{i}", certs[i]);
        using var run = new DeclarativeRun(roles.ControlPlane);

        var apply = await run.RunAsync("apply", "-f", document.WriteTo(run.Directory));

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("committed 127/1000 changes (1 transaction(s)", apply.Error, StringComparison.Ordinal);
        Assert.Contains("committed 1000/1000 changes (8 transaction(s)", apply.Error, StringComparison.Ordinal);
        Assert.Contains("1000 created; committed in 8 transaction(s)", apply.Out, StringComparison.Ordinal);
        using var admin = roles.ControlPlane.AdminClient();
        var revision = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/healthz")).RootElement.GetProperty("revision").GetInt64();
        await roles.WaitForGatewaysAsync(revision, TimeSpan.FromSeconds(30));

        var port = roles.Gateways[0].HttpsPort;
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, certs.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var served = await TlsProbe.ServedFingerprintAsync(port, $"o{i}.bulk.test", ct);
            if (served != certs[i].FingerprintSha256) wrong.Add($"o{i}: {served ?? "refused"}");
        });
        Assert.Empty(wrong);

        var twice = await run.RunAsync("apply", "-f", Path.Combine(run.Directory, "gatehouse.yaml"));
        Assert.True(twice.ExitCode == 0, twice.ToString());
        Assert.Contains("1000 unchanged; nothing to write", twice.Out, StringComparison.Ordinal);
    }
}
