using Gatehouse.Gateway.Configuration;
using Gatehouse.Hosting.Health;

namespace Gatehouse.Gateway.Hosting;

/// <summary>Ready once the gateway's first snapshot is loaded (its listeners accept connections only then).</summary>
public sealed class GatewayReadinessCheck(SnapshotHolder holder) : IReadinessCheck
{
    public string Name => "gateway_snapshot";

    public Task<string?> CheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(holder.IsLoaded ? null : "the first configuration snapshot is not loaded yet");
}
