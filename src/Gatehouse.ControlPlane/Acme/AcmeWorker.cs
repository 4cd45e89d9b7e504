using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// Every control plane runs one: it looks at the managed objects every <see cref="AcmeOptions.Interval"/> and runs an
/// attempt for each one that is due and not leased by another node (DESIGN.md §12).
/// </summary>
internal sealed partial class AcmeWorker(ManagedSslStore managed, AcmeAttempt attempt, AcmeOptions options, TimeProvider time,
    ILogger<AcmeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                foreach (var (record, revision) in await managed.ListAsync(stoppingToken))
                {
                    if (record.NextAttemptAt is { } due && due <= now && !(record.LeaseUntil > now))
                        await attempt.RunAsync(record, revision, stoppingToken);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogTickFailed(logger, e.GetType().Name);
            }
            try
            {
                await Task.Delay(options.Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "ACME worker: a pass over the managed objects failed ({Error}); next pass as scheduled")]
    private static partial void LogTickFailed(ILogger logger, string error);
}
