using Gatehouse.Storage;
using Xunit;

namespace Gatehouse.Testing.Storage;

/// <summary>
/// Reads a store's watch one event at a time, failing the test instead of hanging when an event does not
/// arrive within <see cref="Timeout"/> — even if the backend ignores cancellation.
/// </summary>
public sealed class WatchProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly IAsyncEnumerator<WatchEvent> _events;
    private Task<bool>? _pending;

    /// <summary>Starts watching <paramref name="prefix"/> from <paramref name="fromRevision"/>.</summary>
    public WatchProbe(IConfigStore store, string prefix, long fromRevision, TimeSpan? timeout = null)
    {
        Timeout = timeout ?? TimeSpan.FromSeconds(10);
        _events = store.WatchAsync(prefix, fromRevision, _cancel.Token).GetAsyncEnumerator(_cancel.Token);
    }

    /// <summary>How long each wait may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The next event; fails when none arrives in time or the watch ended.</summary>
    public async Task<WatchEvent> NextAsync()
    {
        Assert.True(await MoveNextAsync(), "The watch ended while an event was expected.");
        return _events.Current;
    }

    /// <summary>The next <paramref name="count"/> events.</summary>
    public async Task<IReadOnlyList<WatchEvent>> NextAsync(int count)
    {
        var events = new List<WatchEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(await NextAsync());
        }

        return events;
    }

    /// <summary>Asserts that the watch ends (its enumeration completes) in time.</summary>
    public async Task AssertEndedAsync()
    {
        var more = await MoveNextAsync();
        Assert.False(more, more ? $"The watch should have ended but delivered {_events.Current}." : null);
    }

    /// <summary>Cancels the watch and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        if (_pending is { IsCompleted: false } pending)
        {
            // A MoveNext that timed out must settle before the enumerator may be disposed.
            await ((Task)pending).WaitAsync(Timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!pending.IsCompleted)
            {
                return;
            }
        }

        try
        {
            await _events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
        }

        _cancel.Dispose();
    }

    private async Task<bool> MoveNextAsync()
    {
        _pending = _events.MoveNextAsync().AsTask();
        try
        {
            return await _pending.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No watch event within {Timeout.TotalSeconds:0.#} s.");
            throw;
        }
    }
}
