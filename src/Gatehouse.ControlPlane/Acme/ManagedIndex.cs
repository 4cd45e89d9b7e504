namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// The one reference through which a control plane reads the managed records (<see cref="ManagedSnapshot"/>), kept in
/// step with the store by <see cref="ManagedWatcher"/>. Readers never block; a writer waits here until the snapshot
/// reflects its commit (read-your-writes, as for the configuration model).
/// </summary>
internal sealed class ManagedIndex
{
    private readonly object _gate = new();
    private readonly List<(long Revision, TaskCompletionSource Done)> _waiters = [];
    private volatile ManagedSnapshot _current = ManagedSnapshot.Empty;

    public ManagedSnapshot Current => _current;

    /// <summary>Publishes <paramref name="snapshot"/> in one write and releases the writers it satisfies.</summary>
    public void Publish(ManagedSnapshot snapshot)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _current = snapshot;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Revision > snapshot.Revision) continue;
                done.Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        foreach (var waiter in done) waiter.TrySetResult();
    }

    /// <summary>
    /// Waits until the snapshot reflects <paramref name="revision"/> (a write under the managed prefix), at most
    /// <paramref name="timeout"/>: a watch that lags longer only delays what a list shows, never the write.
    /// </summary>
    public async Task WaitForAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_current.Revision >= revision) return;
            _waiters.Add((revision, waiter));
        }
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            lock (_gate) _waiters.RemoveAll(w => w.Done == waiter);
        }
    }
}
