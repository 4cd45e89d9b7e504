using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Functional.Tests.Declarative;
using Gatehouse.Testing.Pki;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;
using Xunit.Abstractions;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>
/// Split roles at scale and under faults (issue 11 item 6, DESIGN.md §6, §11): <c>gatehouse control-plane</c> and two
/// <c>gatehouse gateway</c> processes, each given all three endpoints of a three-member etcd cluster, with a few
/// thousand objects. Both gateways serve every object; a change reaches both within a bound; killing the etcd leader
/// in the middle of a stream of rotations loses no write and fails no handshake on either gateway.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class EtcdMemberFailureTests(ITestOutputHelper output)
{
    // 2 000 objects through one bulk apply (16 etcd transactions) keep the whole test near a minute on two shared cores;
    // the 100 000-object case is the benchmark's (bench/scale.sh).
    private const int BulkObjects = 2000;
    private const int Rotations = 60;
    private const int KillAfterRotations = 15;
    private const int Writers = 4;
    private static readonly TimeSpan ChangeBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AfterFaultBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Both_gateways_serve_every_object_and_killing_the_etcd_leader_during_rotations_loses_no_write_and_fails_no_handshake()
    {
        await using var roles = await SplitRoles.StartOnClusterAsync(gateways: 2);
        var root = TestPki.CreateRoot("Cluster Root");
        using var admin = roles.ControlPlane.AdminClient();

        // A few thousand objects through one bulk apply, and the objects the test rotates through single POSTs (their ids).
        var bulk = Enumerable.Range(0, BulkObjects).Select(i => root.Issue($"o{i}.cluster.test")).ToList();
        var document = new ConfigDocument();
        for (var i = 0; i < bulk.Count; i++) document.Ssl($"cluster-{i}", bulk[i]);
        using (var run = new DeclarativeRun(roles.ControlPlane))
        {
            var apply = await run.RunAsync("apply", "-f", document.WriteTo(run.Directory));
            Assert.True(apply.ExitCode == 0, apply.ToString());
        }

        var rotated = new List<(string Id, string Host, TestCert First)>();
        for (var i = 0; i < Rotations; i++)
        {
            var cert = root.Issue($"r{i}.cluster.test");
            rotated.Add((((await admin.CreateAsync(SslJson.Body(cert))).GetProperty("id").GetString()!), $"r{i}.cluster.test", cert));
        }

        await roles.WaitForGatewaysAsync(await RevisionAsync(admin), TimeSpan.FromSeconds(60));

        // Both gateways serve every object, over real TLS.
        foreach (var gateway in roles.Gateways)
        {
            var wrong = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, BulkObjects), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            {
                var served = await TlsProbe.ProbeAsync(gateway.HttpsPort, $"o{i}.cluster.test", ct);
                if (served.Fingerprint != bulk[i].FingerprintSha256) wrong.Add($"o{i}: {served}");
            });
            Assert.True(wrong.IsEmpty, $"gateway {gateway.HttpsPort} serves {wrong.Count} of {BulkObjects} objects wrongly, e.g. {string.Join("; ", wrong.Take(3))}");
        }

        // One change is served by both gateways within the bound.
        var change = root.Issue("r0.cluster.test");
        var changed = Stopwatch.StartNew();
        var (status, _, text) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{rotated[0].Id}", SslJson.Body(change));
        Assert.True(status == 200, text);
        foreach (var gateway in roles.Gateways)
            Assert.Equal(change.FingerprintSha256, await SplitRolesTests.ServedAsync(gateway.HttpsPort, "r0.cluster.test", change.FingerprintSha256, ChangeBound));
        output.WriteLine($"one change served by both gateways after {changed.ElapsedMilliseconds} ms (bound {ChangeBound.TotalSeconds} s)");

        // Every certificate a host may legitimately serve while its rotation is in flight: its old and its new one.
        var allowed = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        for (var i = 0; i < BulkObjects; i++) allowed[$"o{i}.cluster.test"] = [bulk[i].FingerprintSha256];
        allowed["r0.cluster.test"] = [change.FingerprintSha256];
        for (var i = 1; i < Rotations; i++) allowed[rotated[i].Host] = [rotated[i].First.FingerprintSha256];
        var next = Enumerable.Range(0, Rotations).Select(i => root.Issue($"r{i}.cluster.test")).ToList();
        for (var i = 0; i < Rotations; i++) allowed[rotated[i].Host].Add(next[i].FingerprintSha256);

        using var stop = new CancellationTokenSource();
        var killed = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loops = roles.Gateways.Select(g => HandshakeLoopAsync(g, [.. allowed.Keys], allowed, killed.Task, stop.Token)).ToList();

        // A stream of rotations, each object once, from a few writers at a time (as an operator's script would), so that
        // commits are in flight when the etcd leader is killed after the first few are acknowledged.
        var acknowledged = new ConcurrentBag<int>();
        var refusals = new ConcurrentBag<string>();
        var kill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acks = 0;
        var latencies = new ConcurrentBag<double>();
        var killer = Task.Run(async () =>
        {
            await kill.Task;
            var leader = await roles.Cluster.LeaderAsync();
            await leader.KillAsync();
            killed.SetResult(DateTime.UtcNow);
            return $"{leader.Name} ({leader.Endpoint}) after {acknowledged.Count} acknowledged rotations";
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, Rotations), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (i, _) =>
        {
            var took = Stopwatch.StartNew();
            var (code, _, body) = await admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{rotated[i].Id}", SslJson.Body(next[i]));
            latencies.Add(took.Elapsed.TotalMilliseconds);
            if (code == 200) acknowledged.Add(i);
            else refusals.Add($"rotation {i}: {code} {body}");
            if (code == 200 && Interlocked.Increment(ref acks) == KillAfterRotations) kill.TrySetResult();
        });
        kill.TrySetResult();
        var victim = await killer;
        output.WriteLine($"killed the etcd leader {victim}; slowest rotation {latencies.Max():0} ms, median {latencies.Order().ElementAt(latencies.Count / 2):0} ms");

        // Every acknowledged rotation is served by both gateways.
        var stale = new List<string>();
        foreach (var gateway in roles.Gateways)
        {
            foreach (var i in acknowledged)
            {
                var served = await SplitRolesTests.ServedAsync(gateway.HttpsPort, rotated[i].Host, next[i].FingerprintSha256, AfterFaultBound);
                if (served != next[i].FingerprintSha256) stale.Add($"gateway {gateway.HttpsPort} {rotated[i].Host}: {served ?? "refused"}");
            }
        }

        await stop.CancelAsync();
        var handshakes = await Task.WhenAll(loops);
        foreach (var (gateway, loop) in roles.Gateways.Zip(handshakes))
            output.WriteLine($"gateway {gateway.HttpsPort}: {loop.Before} handshakes before the kill, {loop.After} after, {loop.Failures.Count} failed");

        Assert.True(refusals.Count == 0, $"{refusals.Count} rotations were refused around the kill of {victim}:\n{string.Join("\n", refusals)}\n" +
            "control plane (no audit lines):\n" + string.Join("\n", roles.ControlPlane.Output.Split('\n').Where(l => !l.Contains("audit:", StringComparison.Ordinal)).TakeLast(80)));
        Assert.True(stale.Count == 0, $"{stale.Count} acknowledged rotations are not served:\n{string.Join("\n", stale.Take(10))}" +
            $"\n{string.Join("\n", roles.Gateways.Select(g => g.Output))}");
        foreach (var loop in handshakes)
        {
            Assert.True(loop.Failures.IsEmpty, $"{loop.Failures.Count} failed handshakes:\n{string.Join("\n", loop.Failures.Take(10))}");
            Assert.True(loop.Before > 0 && loop.After > 0, $"the handshake loop ran {loop.Before} before and {loop.After} after the kill");
        }
    }

    /// <summary>Handshakes one after the other with random SNIs until stopped; any handshake not served with an allowed certificate is a failure.</summary>
    private static async Task<HandshakeLoop> HandshakeLoopAsync(GatehouseProcess gateway, string[] hosts,
        ConcurrentDictionary<string, ConcurrentBag<string>> allowed, Task<DateTime> killed, CancellationToken stop)
    {
        await Task.Yield();
        var loop = new HandshakeLoop();
        while (!stop.IsCancellationRequested)
        {
            var host = hosts[Random.Shared.Next(hosts.Length)];
            var result = await TlsProbe.ProbeAsync(gateway.HttpsPort, host, CancellationToken.None);
            if (result.Outcome != TlsOutcome.Served || !allowed[host].Contains(result.Fingerprint!))
                loop.Failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {host}: {result}");
            if (killed.IsCompleted) loop.After++;
            else loop.Before++;
        }

        return loop;
    }

    private static async Task<long> RevisionAsync(HttpClient admin)
    {
        using var health = JsonDocument.Parse(await admin.GetStringAsync("/healthz"));
        return health.RootElement.GetProperty("revision").GetInt64();
    }

    private sealed class HandshakeLoop
    {
        public ConcurrentQueue<string> Failures { get; } = new();
        public int Before { get; set; }
        public int After { get; set; }
    }
}
