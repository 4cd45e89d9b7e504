using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// The control plane's background loops for DESIGN.md §12, every interval: one records new lifecycle events and then
/// attempts the deliveries that are due; the other refreshes OCSP responses, so a slow responder never holds up an
/// event. Every control plane runs them; the store's conditional writes keep them from repeating work.
/// </summary>
internal sealed partial class LifecycleMonitor(EventRecorder recorder, OcspRefresher ocsp, EventDelivery delivery, LifecycleOptions options,
    ILogger<LifecycleMonitor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        LoopAsync(async ct =>
        {
            // One step failing (a store hiccup, a bad item) does not keep the other from running.
            await RunAsync(recorder.ScanAsync, ct);
            await RunAsync(delivery.DeliverDueAsync, ct);
        }, stoppingToken),
        LoopAsync(ct => RunAsync(ocsp.RefreshDueAsync, ct), stoppingToken));

    private async Task LoopAsync(Func<CancellationToken, Task> steps, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await steps(stoppingToken);
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

    private async Task RunAsync(Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step(stoppingToken);
        }
        catch (StoreUnavailableException)
        {
            LogStoreUnavailable(logger);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type and stack only: a message could repeat a stored value.
            LogFailed(logger, e.GetType().FullName ?? "exception", e.StackTrace ?? "");
        }
    }

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "lifecycle scan: the store is unavailable; retrying at the next interval")]
    private static partial void LogStoreUnavailable(ILogger logger);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "lifecycle scan failed with {Type} at {Stack}")]
    private static partial void LogFailed(ILogger logger, string type, string stack);
}
