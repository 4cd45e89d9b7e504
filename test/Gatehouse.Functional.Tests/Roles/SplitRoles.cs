using System.Security.Cryptography;
using System.Text.Json;
using Gatehouse.Testing.Etcd;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>A real etcd with one <c>gatehouse control-plane</c> and some <c>gatehouse gateway</c> processes sharing its token and keyring.</summary>
public sealed class SplitRoles : IAsyncDisposable
{
    private readonly List<GatehouseProcess> _gateways = [];

    private SplitRoles(EtcdServer etcd, Dictionary<string, string?> environment)
    {
        Etcd = etcd;
        Environment = environment;
    }

    public EtcdServer Etcd { get; }

    /// <summary>The shared token (<see cref="GatehouseProcess.Token"/>, set by the process runner) and keyring.</summary>
    public Dictionary<string, string?> Environment { get; }

    public GatehouseProcess ControlPlane { get; private set; } = null!;
    public IReadOnlyList<GatehouseProcess> Gateways => _gateways;

    /// <summary>The <c>--store</c> value for this etcd: <c>etcd://127.0.0.1:PORT</c>.</summary>
    public string Store => "etcd://" + new Uri(Etcd.Endpoint).Authority;

    public static async Task<SplitRoles> StartAsync(int gateways)
    {
        var keyring = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var roles = new SplitRoles(await EtcdServer.StartAsync(), new Dictionary<string, string?> { ["GATEHOUSE_KEYRING"] = keyring });
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

    public Task<GatehouseProcess> StartGatewayAsync(IDictionary<string, string?>? environment = null, bool waitReady = true) =>
        GatehouseProcess.StartRoleAsync("gateway", environment ?? Environment, waitReady, "--store", Store);

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
        await Etcd.DisposeAsync();
    }
}
