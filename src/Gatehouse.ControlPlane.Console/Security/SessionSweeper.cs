using Gatehouse.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>Deletes expired console sessions every ten minutes, so sessions never signed out do not pile up in the store.</summary>
internal sealed partial class SessionSweeper(ConsoleSessionStore sessions, ILogger<SessionSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var swept = await sessions.SweepAsync(stoppingToken);
                    if (swept > 0) LogSwept(logger, swept);
                }
                catch (StoreUnavailableException)
                {
                    LogStoreUnavailable(logger);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down (or a start-up that failed): nothing to sweep.
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Deleted {Count} expired console sessions")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Store unavailable: expired console sessions not swept this time")]
    private static partial void LogStoreUnavailable(ILogger logger);
}
