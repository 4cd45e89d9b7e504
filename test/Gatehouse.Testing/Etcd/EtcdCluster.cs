namespace Gatehouse.Testing.Etcd;

/// <summary>
/// A real three-member (or <c>n</c>-member) etcd cluster on loopback ports, each member with its own data directory,
/// started together with one <c>--initial-cluster</c>. Members can be killed one by one; dispose kills the rest and
/// deletes the data.
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gatehouse-etcd-cluster-").FullName;

    private EtcdCluster(int size)
    {
        Members = [.. Enumerable.Range(0, size).Select(i => new EtcdMember($"m{i}", Path.Combine(_root, $"m{i}")))];
    }

    public IReadOnlyList<EtcdMember> Members { get; }

    /// <summary>Every member's client URL, comma-separated (<c>http://127.0.0.1:A,http://127.0.0.1:B,…</c>).</summary>
    public string Endpoints => string.Join(",", Members.Select(m => m.Endpoint));

    public static async Task<EtcdCluster> StartAsync(int size = 3)
    {
        if (!File.Exists(EtcdMember.Binary))
        {
            throw new InvalidOperationException($"{EtcdMember.Binary} is missing: install the Debian package etcd-server (scripts/test.sh does).");
        }

        var cluster = new EtcdCluster(size);
        try
        {
            var initialCluster = string.Join(",", cluster.Members.Select(m => $"{m.Name}={m.PeerUrl}"));
            var token = "gatehouse-test-" + Guid.NewGuid().ToString("N");
            foreach (var member in cluster.Members) member.Start(initialCluster, token);
            await cluster.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The member that is the Raft leader now, as the running members report it.</summary>
    public async Task<EtcdMember> LeaderAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var member in Members.Where(m => m.IsRunning))
        {
            var (id, leader) = await member.StatusAsync(http);
            if (id == leader) return member;
        }

        throw new InvalidOperationException("No running etcd member says it is the leader.");
    }

    /// <summary>Waits until every running member reports the cluster healthy (a leader elected, a quorum up).</summary>
    public async Task WaitHealthyAsync(TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var running = Members.Where(m => m.IsRunning).ToList();
            var healthy = 0;
            foreach (var member in running)
            {
                if (await member.IsHealthyAsync(http)) healthy++;
            }

            if (running.Count > 0 && healthy == running.Count)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The etcd cluster did not become healthy. Its members' output:\n" +
            string.Join("\n", Members.Select(m => $"--- {m.Name} ({m.Endpoint}):\n{m.Output}")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members) await member.KillAsync();
        Directory.Delete(_root, recursive: true);
    }
}
