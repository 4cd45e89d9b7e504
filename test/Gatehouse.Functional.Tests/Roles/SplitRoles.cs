using System.Security.Cryptography;
using System.Text.Json;
using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>
/// A real etcd (one member, or a cluster) with one <c>gatehouse control-plane</c> and some <c>gatehouse gateway</c>
/// processes sharing its token and keyring.
/// </summary>
public sealed class SplitRoles : IAsyncDisposable
{
    private readonly List<GatehouseProcess> _gateways = [];
    private readonly EtcdServer? _etcd;
    private readonly EtcdCluster? _cluster;

    private SplitRoles(EtcdServer? etcd, EtcdCluster? cluster, string endpoints)
    {
        _etcd = etcd;
        _cluster = cluster;
        Store = "etcd://" + string.Join(",", endpoints.Split(',').Select(e => new Uri(e).Authority));
        Environment = new Dictionary<string, string?> { ["GATEHOUSE_KEYRING"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
    }

    /// <summary>The single-member etcd (<see cref="StartAsync"/>).</summary>
    public EtcdServer Etcd => _etcd ?? throw new InvalidOperationException("These roles run on an etcd cluster.");

    /// <summary>The etcd cluster (<see cref="StartOnClusterAsync"/>).</summary>
    public EtcdCluster Cluster => _cluster ?? throw new InvalidOperationException("These roles run on a single etcd.");

    /// <summary>The shared token (<see cref="GatehouseProcess.Token"/>, set by the process runner) and keyring.</summary>
    public Dictionary<string, string?> Environment { get; }

    public GatehouseProcess ControlPlane { get; private set; } = null!;
    public IReadOnlyList<GatehouseProcess> Gateways => _gateways;

    /// <summary>The <c>--store</c> value for this etcd: <c>etcd://127.0.0.1:PORT</c> (every member's, comma-separated, for a cluster).</summary>
    public string Store { get; }

    public static async Task<SplitRoles> StartAsync(int gateways)
    {
        var etcd = await EtcdServer.StartAsync();
        return await StartRolesAsync(new SplitRoles(etcd, null, etcd.Endpoint), gateways);
    }

    /// <summary>The roles on a three-member etcd cluster; every process is given all three endpoints.</summary>
    public static async Task<SplitRoles> StartOnClusterAsync(int gateways)
    {
        var cluster = await EtcdCluster.StartAsync(size: 3);
        return await StartRolesAsync(new SplitRoles(null, cluster, cluster.Endpoints), gateways);
    }

    private static async Task<SplitRoles> StartRolesAsync(SplitRoles roles, int gateways)
    {
        try
        {
            roles.ControlPlane = await GatehouseProcess.StartRoleAsync("control-plane", roles.Environment, waitReady: true, "--store", roles.Store);
            for (var i = 0; i < gateways; i++) roles._gateways.Add(await roles.StartGatewayAsync());
            return roles;
        }
        catch
        {
            await roles.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more gateway on this store (or on <paramref name="store"/>, an <c>etcd://</c> value).</summary>
    public Task<GatehouseProcess> StartGatewayAsync(IDictionary<string, string?>? environment = null, bool waitReady = true, string? store = null) =>
        GatehouseProcess.StartRoleAsync("gateway", environment ?? Environment, waitReady, "--store", store ?? Store);

    /// <summary>The revision a gateway serves, from its status listener's <c>/healthz</c>.</summary>
    public static async Task<long> ServedRevisionAsync(GatehouseProcess gateway)
    {
        using var client = new HttpClient { BaseAddress = gateway.StatusUri, Timeout = TimeSpan.FromSeconds(5) };
        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        return health.RootElement.GetProperty("revision").GetInt64();
    }

    /// <summary>Waits until every gateway serves <paramref name="revision"/> or later.</summary>
    public async Task WaitForGatewaysAsync(long revision, TimeSpan within)
    {
        foreach (var gateway in _gateways)
        {
            var served = await Eventually.ValueAsync<long?>(async () => await ServedRevisionAsync(gateway), within, r => r >= revision);
            Assert.True(served >= revision, $"gateway on {gateway.StatusUri} serves revision {served}, not {revision}:\n{gateway.Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways) await gateway.DisposeAsync();
        if (ControlPlane is not null) await ControlPlane.DisposeAsync();
        if (_etcd is not null) await _etcd.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
