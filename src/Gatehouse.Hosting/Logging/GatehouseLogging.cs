using Microsoft.Extensions.Logging;

namespace Gatehouse.Hosting.Logging;

/// <summary>The one logging setup of every Gatehouse role: single-line UTC console logs, framework noise at Warning.</summary>
public static class GatehouseLogging
{
    /// <summary>ASP.NET Core's per-request hosting logger, turned off.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

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
        // Off, not Warning: while this category is enabled at any level, ASP.NET Core starts an Activity and a logging
        // scope for every request (an allocation and two async-local writes each). It logs request starts and ends only;
        // an unhandled request exception is logged by Kestrel.
        logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
    }
}
