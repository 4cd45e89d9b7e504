using Microsoft.Extensions.Logging;

namespace Gatehouse.Hosting.Logging;

/// <summary>The one logging setup of every Gatehouse role: single-line UTC console logs, framework noise at Warning.</summary>
public static class GatehouseLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Gatehouse", LogLevel.Information);
    }
}
