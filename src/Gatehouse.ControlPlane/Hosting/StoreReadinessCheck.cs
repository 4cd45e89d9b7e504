using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Hosting.Health;
using Gatehouse.Configuration;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>Ready when the configuration model is loaded and the store answers a one-key read (never a listing).</summary>
internal sealed class StoreReadinessCheck(StoreHealth store, ConfigModelHolder holder) : IReadinessCheck
{
    public string Name => "store";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (!holder.IsLoaded) return "the configuration is not loaded from the store yet";
        return await store.ProbeAsync(cancellationToken) ? null : "the configuration store is unreachable";
    }
}
