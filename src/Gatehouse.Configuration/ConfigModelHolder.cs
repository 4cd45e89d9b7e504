namespace Gatehouse.Configuration;

/// <summary>
/// The one reference through which a role reads the current <see cref="ConfigModel"/>. Readers never block; a
/// writer waits here until the model reflects its commit (read-your-writes, DESIGN.md §11).
/// </summary>
public sealed class ConfigModelHolder
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<ConfigModel, bool> Condition, TaskCompletionSource<ConfigModel> Done)> _waiters = [];
    private readonly List<Action<ConfigModel, ConfigDelta>> _subscribers = [];
    private volatile ConfigModel _current = ConfigModel.Empty;

    public ConfigModel Current => _current;

    /// <summary>Completes when the first model from the store is published.</summary>
    public Task Loaded => _loaded.Task;

    public bool IsLoaded => _loaded.Task.IsCompleted;

    /// <summary>
    /// Calls <paramref name="onPublished"/> with the current model (as a reset, when one is loaded) and then with every
    /// later one and what changed, in order, on the publishing thread.
    /// </summary>
    public void Subscribe(Action<ConfigModel, ConfigDelta> onPublished)
    {
        lock (_gate)
        {
            if (IsLoaded) onPublished(_current, ConfigDelta.Everything);
            _subscribers.Add(onPublished);
        }
    }

    /// <summary>Publishes a new model in one write; readers see the old or the new one, never a mix.</summary>
    public void Publish(ConfigModel model, ConfigDelta delta)
    {
        List<TaskCompletionSource<ConfigModel>> done = [];
        lock (_gate)
        {
            _current = model;
            foreach (var subscriber in _subscribers) subscriber(model, delta);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Condition(model)) continue;
                done.Add(_waiters[i].Done);
                _waiters.RemoveAt(i);
            }
        }
        _loaded.TrySetResult();
        foreach (var waiter in done) waiter.TrySetResult(model);
    }

    /// <summary>The first model (current or later) for which <paramref name="condition"/> holds.</summary>
    public async Task<ConfigModel> WaitUntilAsync(Func<ConfigModel, bool> condition, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<ConfigModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (IsLoaded && condition(_current)) return _current;
            _waiters.Add((condition, waiter));
        }
        try
        {
            return await waiter.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_gate) _waiters.RemoveAll(w => w.Done == waiter);
        }
    }
}
