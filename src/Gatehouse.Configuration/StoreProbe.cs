using Gatehouse.Storage;

namespace Gatehouse.Configuration;

/// <summary>
/// Whether the store answers now: one read of a single key under a short deadline, never a listing, so a
/// readiness probe costs the same with 100 000 objects as with none (DESIGN.md §11).
/// </summary>
public static class StoreProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    /// <summary>True when the store answered within the deadline.</summary>
    public static async Task<bool> AnswersAsync(IConfigStore store, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Deadline);
        try
        {
            await store.GetAsync(StoreKeys.WriteFence, timeout.Token);
            return true;
        }
        // Past the probe's own deadline a backend may throw its transport's cancellation (etcd: an RpcException), not StoreUnavailableException.
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
