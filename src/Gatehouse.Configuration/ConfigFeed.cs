using System.Threading.Channels;
using Gatehouse.Core.Secrets;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Configuration;

/// <summary>
/// Keeps a <see cref="ConfigModelHolder"/> in step with the store, only through one paged listing (every page at one
/// pinned revision) and then the watch from that listing's revision (DESIGN.md §11). Changes that arrive together are folded into one model. On a store
/// failure the last model stays and the feed reconnects by itself; on compaction it resyncs from a new listing,
/// reusing every object whose revision did not change.
/// </summary>
public sealed partial class ConfigFeed(IConfigStore store, ConfigCodec codec, ConfigModelHolder holder, ILogger<ConfigFeed> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public ConfigModelHolder Holder => holder;

    /// <summary>
    /// A feed of a new model from <paramref name="store"/>, checking that every stored key decrypts with <paramref name="keyring"/>
    /// and judging validity by <paramref name="time"/>.
    /// </summary>
    public static ConfigFeed Create(IConfigStore store, Keyring keyring, TimeProvider time, ILoggerFactory loggers) =>
        new(store, new ConfigCodec(time, keyring), new ConfigModelHolder(), loggers.CreateLogger<ConfigFeed>());

    /// <summary>Starts following the store and returns once the first model is published.</summary>
    public async Task StartAndLoadAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await holder.Loaded.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Pages at one pinned revision; the watch resumes right after it (DESIGN.md §11).
                var model = await ConfigModel.LoadAsync(store.ListPagesAsync(StoreKeys.Root, cancellationToken: stoppingToken), codec,
                    holder.IsLoaded ? holder.Current : null, stoppingToken);
                holder.Publish(model, ConfigDelta.Everything);
                LogLoaded(logger, model.Revision, model.SslCount, model.Services.Count);
                backoff = TimeSpan.FromMilliseconds(100);
                await FollowAsync(model.Revision + 1, stoppingToken);
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
            var batch = new List<WatchEvent>();
            while (await events.Reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                var compacted = false;
                while (!compacted && events.Reader.TryRead(out var change))
                {
                    if (change is WatchEvent.Compacted) compacted = true;
                    else batch.Add(change);
                }
                if (batch.Count > 0)
                {
                    var model = holder.Current.Apply(batch, codec, out var delta);
                    foreach (var key in model.BadItems.Keys.Where(k => delta.SslIds.Contains(IdOf(k)) || delta.ServiceIds.Contains(IdOf(k))))
                        LogBadItem(logger, key, model.BadItems[key]);
                    holder.Publish(model, delta);
                }
                if (compacted)
                {
                    LogCompacted(logger, holder.Current.Revision);
                    return;
                }
            }
            await pump; // the pump ended: surface its exception, if any
        }
        finally
        {
            await stop.CancelAsync();
            await pump.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static string IdOf(string key) => key[(key.LastIndexOf('/') + 1)..];

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

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Configuration loaded at revision {Revision}: {SslCount} SSL objects, {ServiceCount} services")]
    private static partial void LogLoaded(ILogger logger, long revision, int sslCount, int serviceCount);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Store unreachable; keeping the configuration at revision {Revision}, retrying in {DelayMs} ms")]
    private static partial void LogStoreLost(ILogger logger, long revision, double delayMs);

    [LoggerMessage(EventId = 212, Level = LogLevel.Information, Message = "Watch history compacted after revision {Revision}; resyncing from a full read")]
    private static partial void LogCompacted(ILogger logger, long revision);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Bad store item {Key} at revision {Revision}: keeping its last good revision")]
    private static partial void LogBadItem(ILogger logger, string key, long revision);
}
