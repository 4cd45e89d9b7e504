using System.Text.Json;
using Gatehouse.Core.Acme;
using Gatehouse.Core.Json;
using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Acme;

/// <summary>
/// Keeps <see cref="AcmeChallengeTable"/> in step with <c>/gatehouse-acme/challenges/</c> through list + watch, so any
/// gateway behind a load balancer answers the CA's validation. Pending challenges are few: each change re-reads them all.
/// </summary>
internal sealed partial class AcmeChallengeWatcher(IConfigStore store, AcmeChallengeTable table, ILogger<AcmeChallengeWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var records = new Dictionary<string, ChallengeRecord>(StringComparer.Ordinal);
                var listing = await store.ListAsync(AcmeKeys.Challenges, stoppingToken);
                foreach (var item in listing.Items) Apply(records, item.Key, item.Value);
                table.Replace(records.Values);
                backoff = TimeSpan.FromMilliseconds(100);
                await foreach (var change in store.WatchAsync(AcmeKeys.Challenges, listing.Revision + 1, stoppingToken))
                {
                    if (change is WatchEvent.Compacted) break;
                    if (change is WatchEvent.Put put) Apply(records, put.Item.Key, put.Item.Value);
                    else if (change is WatchEvent.Deleted deleted) records.Remove(deleted.Key);
                    table.Replace(records.Values);
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

    private void Apply(Dictionary<string, ChallengeRecord> records, string key, string value)
    {
        try
        {
            if (JsonSerializer.Deserialize<ChallengeRecord>(value, GatehouseJson.Options) is { } record) records[key] = record;
        }
        catch (JsonException)
        {
            LogBad(logger, key);
        }
    }

    [LoggerMessage(EventId = 260, Level = LogLevel.Warning, Message = "ACME challenges: store unreachable ({Error}); retrying in {DelayMs} ms")]
    private static partial void LogLost(ILogger logger, string error, double delayMs);

    [LoggerMessage(EventId = 261, Level = LogLevel.Warning, Message = "ACME challenges: {Key} is not a challenge record; ignored")]
    private static partial void LogBad(ILogger logger, string key);
}
