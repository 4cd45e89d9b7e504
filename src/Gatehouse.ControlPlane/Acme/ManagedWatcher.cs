using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// Keeps <see cref="ManagedIndex"/> in step with <c>/gatehouse-acme/managed/</c>: one paged listing, then the watch
/// from the next revision (each change replaces one record); a compaction or a lost store starts over with a listing.
/// </summary>
internal sealed partial class ManagedWatcher(IConfigStore store, ManagedIndex index, ILogger<ManagedWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var listing = await store.ListAsync(AcmeKeys.Managed, stoppingToken);
                var snapshot = ManagedSnapshot.Of(listing.Items.Select(i => (Record: ManagedCodec.Decode(i.Value), i.ModRevision))
                    .Where(i => i.Record is not null).Select(i => (i.Record!, i.ModRevision)), listing.Revision);
                index.Publish(snapshot);
                backoff = TimeSpan.FromMilliseconds(100);
                await foreach (var change in store.WatchAsync(AcmeKeys.Managed, listing.Revision + 1, stoppingToken))
                {
                    if (change is WatchEvent.Compacted) break;
                    if (change is WatchEvent.Put put)
                    {
                        var id = put.Item.Key[AcmeKeys.Managed.Length..];
                        // A record that cannot be read is dropped from lists rather than shown stale.
                        snapshot = snapshot.With(ManagedCodec.Decode(put.Item.Value), id, put.Item.ModRevision);
                    }
                    else if (change is WatchEvent.Deleted deleted)
                    {
                        snapshot = snapshot.With(null, deleted.Key[AcmeKeys.Managed.Length..], deleted.Revision);
                    }
                    index.Publish(snapshot);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLost(logger, e.GetType().Name, backoff.TotalMilliseconds);
                try { await Task.Delay(backoff, stoppingToken); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, backoff.Ticks * 2));
            }
        }
    }

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "ACME managed objects: store unreachable ({Error}); retrying in {DelayMs} ms")]
    private static partial void LogLost(ILogger logger, string error, double delayMs);
}
