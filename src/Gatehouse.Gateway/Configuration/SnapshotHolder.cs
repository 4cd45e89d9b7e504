namespace Gatehouse.Gateway.Configuration;

/// <summary>The one reference through which the data plane reads the current snapshot.</summary>
public sealed class SnapshotHolder
{
    private readonly TaskCompletionSource _firstLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile GatewaySnapshot _current = GatewaySnapshot.Empty;

    public GatewaySnapshot Current => _current;

    /// <summary>Completes when the first snapshot from the store is published.</summary>
    public Task FirstLoaded => _firstLoaded.Task;

    public bool IsLoaded => _firstLoaded.Task.IsCompleted;

    /// <summary>Raised after each publish, on the publishing thread (the store watcher).</summary>
    public event Action<GatewaySnapshot>? Published;

    /// <summary>Publishes a new snapshot in one write; readers see the old or the new one, never a mix.</summary>
    public void Publish(GatewaySnapshot snapshot)
    {
        _current = snapshot;
        _firstLoaded.TrySetResult();
        Published?.Invoke(snapshot);
    }
}
