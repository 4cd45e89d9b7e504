using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// The control plane's background loop for DESIGN.md §12: every interval, record new lifecycle events, then attempt the
/// deliveries that are due. Every control plane runs it; the store's conditional writes keep them from repeating work.
/// </summary>
public sealed partial class LifecycleMonitor(EventRecorder recorder, EventDelivery delivery, LifecycleOptions options,
    ILogger<LifecycleMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await recorder.ScanAsync(stoppingToken);
                await delivery.DeliverDueAsync(stoppingToken);
            }
            catch (StoreUnavailableException)
            {
                LogStoreUnavailable(logger);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The type and stack only: a message could repeat a stored value.
                LogFailed(logger, e.GetType().FullName ?? "exception", e.StackTrace ?? "");
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

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "lifecycle scan: the store is unavailable; retrying at the next interval")]
    private static partial void LogStoreUnavailable(ILogger logger);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "lifecycle scan failed with {Type} at {Stack}")]
    private static partial void LogFailed(ILogger logger, string type, string stack);
}
