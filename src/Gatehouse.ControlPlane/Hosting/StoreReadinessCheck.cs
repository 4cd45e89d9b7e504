using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Hosting.Health;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>Ready when the store answers a full read; reports bad items without failing.</summary>
public sealed class StoreReadinessCheck(ConfigReader reader) : IReadinessCheck
{
    public string Name => "store";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await reader.ReadAsync(cancellationToken);
            return null;
        }
        catch (StoreUnavailableException)
        {
            return "the configuration store is unreachable";
        }
    }
}
