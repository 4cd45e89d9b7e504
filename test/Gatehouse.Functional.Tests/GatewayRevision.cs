using Gatehouse.Testing.Process;
using Gatehouse.Testing.Metrics;

namespace Gatehouse.Functional.Tests;

/// <summary>Reads the revision the gateway serves from <c>/metrics</c>.</summary>
public static class GatewayRevision
{
    public static async Task<long> CurrentAsync(GatehouseProcess process)
    {
        using var client = process.AdminClient(token: null);
        var metrics = await PrometheusScrape.GetAsync(client);
        return (long)(metrics.Value("gatehouse_gateway_config_revision") ?? throw new InvalidOperationException($"No served revision in /metrics:\n{metrics.Text}"));
    }

    /// <summary>The store revision the control plane reports on <c>/healthz</c> (at least that of every acknowledged write).</summary>
    public static async Task<long> StoreRevisionAsync(GatehouseProcess process)
    {
        using var client = process.AdminClient(token: null);
        var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/healthz")).RootElement;
        return health.GetProperty("revision").GetInt64();
    }

    /// <summary>Waits until the gateway serves <paramref name="revision"/> or later; fails after <paramref name="within"/>.</summary>
    public static async Task<TimeSpan> WaitForAsync(GatehouseProcess process, long revision, TimeSpan? within = null)
    {
        var started = DateTime.UtcNow;
        // A synchronisation step, not a timing assertion (HotReloadTests time propagation themselves): generous under load.
        var deadline = started + (within ?? TimeSpan.FromSeconds(5));
        while (await CurrentAsync(process) < revision)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway did not reach revision {revision} in time");
            await Task.Delay(5);
        }
        return DateTime.UtcNow - started;
    }
}
