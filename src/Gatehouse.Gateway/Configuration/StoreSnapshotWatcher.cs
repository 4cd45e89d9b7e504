using System.Threading.Channels;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Keeps the gateway's snapshot in step with the store, only through list + watch (also inside
/// <c>gatehouse up</c>). Changes that arrive together are folded into one snapshot. On a store failure the
/// last good snapshot keeps serving and the watcher reconnects by itself; on compaction it resyncs.
/// </summary>
public sealed partial class StoreSnapshotWatcher(IConfigStore store, SnapshotBuilder builder, SnapshotHolder holder,
    ILogger<StoreSnapshotWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var listing = await store.ListAsync(StoreKeys.Root, stoppingToken);
                builder.Reset(listing.Items);
                Publish(listing.Revision);
                backoff = TimeSpan.FromMilliseconds(100);
                await FollowAsync(listing.Revision + 1, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: a store call cut short by the stop (cancelled, or failed as its channel closed) is no error.
                return;
            }
            catch (Exception)
            {
                LogStoreLost(logger, holder.Current.Revision, backoff.TotalMilliseconds);
                try { await Task.Delay(backoff, stoppingToken); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    /// <summary>Applies watch events; returns when the store signals compaction (the caller resyncs).</summary>
    private async Task FollowAsync(long fromRevision, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(fromRevision, events.Writer, stop.Token);
        try
        {
            while (await events.Reader.WaitToReadAsync(cancellationToken))
            {
                var revision = holder.Current.Revision;
                while (events.Reader.TryRead(out var change))
                {
                    if (change is WatchEvent.Compacted)
                    {
                        LogCompacted(logger, revision);
                        return;
                    }
                    builder.Apply(change);
                    revision = change switch
                    {
                        WatchEvent.Put put => put.Item.ModRevision,
                        WatchEvent.Deleted deleted => deleted.Revision,
                        _ => revision,
                    };
                }
                Publish(revision);
            }
            await pump; // the pump ended: surface its exception, if any
        }
        finally
        {
            await stop.CancelAsync();
            await pump.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task PumpAsync(long fromRevision, ChannelWriter<WatchEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in store.WatchAsync(StoreKeys.Root, fromRevision, cancellationToken))
            {
                await writer.WriteAsync(change, cancellationToken);
                if (change is WatchEvent.Compacted) break;
            }
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e is OperationCanceledException ? null : e);
        }
    }

    private void Publish(long revision)
    {
        var snapshot = builder.Build(revision);
        holder.Publish(snapshot);
        LogPublished(logger, revision, snapshot.Served.Count);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Debug, Message = "Snapshot at revision {Revision} with {Count} server objects")]
    private static partial void LogPublished(ILogger logger, long revision, int count);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Store unreachable; serving the snapshot at revision {Revision}, retrying in {DelayMs} ms")]
    private static partial void LogStoreLost(ILogger logger, long revision, double delayMs);

    [LoggerMessage(EventId = 212, Level = LogLevel.Information, Message = "Watch history compacted after revision {Revision}; resyncing from a full read")]
    private static partial void LogCompacted(ILogger logger, long revision);
}
