using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Gatehouse.Hosting.Metrics;

/// <summary>
/// <c>/metrics</c> on the standard stack: <see cref="System.Diagnostics.Metrics"/> instruments, collected by one
/// OpenTelemetry meter provider per listener that has <c>/metrics</c>, written by OpenTelemetry's Prometheus exporter.
/// Kestrel's, ASP.NET Core's and the HTTP client's built-in meters come along; no tracing is enabled, so no request
/// starts an <see cref="System.Diagnostics.Activity"/> for it.
/// </summary>
public static class GatehouseMetrics
{
    /// <summary>The path every listener with metrics serves them on.</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// The framework's meters exported beside Gatehouse's own: connections and TLS handshakes (Kestrel), request
    /// durations (hosting), upstream connections and DNS lookups (the HTTP client); less <see cref="PerRequestInstrumentsNotCollected"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> BuiltInMeters =
    [
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Hosting",
        "System.Net.Http",
        "System.Net.NameResolution",
    ];

    /// <summary>
    /// Instruments of the built-in meters that are not collected: each is recorded on every proxied request (an up-down
    /// counter twice, a histogram once, each an aggregation lookup by its tag set), which together cost 8–16 % of a
    /// keep-alive request's CPU (bench/compare.sh, docs/decisions.md). An instrument no view collects has no listener, so
    /// the framework skips the measurement. <c>http.server.request.duration</c> stays: it is the request count and latency.
    /// </summary>
    public static readonly IReadOnlyList<string> PerRequestInstrumentsNotCollected =
    [
        "http.server.active_requests",
        "http.client.active_requests",
        "http.client.open_connections",
        "http.client.request.duration",
        "http.client.request.time_in_queue",
    ];

    /// <summary>
    /// Collects the built-in meters and <paramref name="meters"/> for this host's <c>/metrics</c>
    /// (<see cref="MapGatehouseMetrics"/>). Call once per host; <see cref="AddGatehouseMeters"/> adds more meters.
    /// </summary>
    public static IServiceCollection AddGatehouseMetrics(this IServiceCollection services, params string[] meters)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            foreach (var instrument in PerRequestInstrumentsNotCollected) metrics.AddView(instrument, MetricStreamConfiguration.Drop);
            metrics.AddMeter([.. BuiltInMeters, .. meters]).AddPrometheusExporter(prometheus =>
            {
                // Every scrape reads the instruments now: a value changed by a write shows on the next scrape.
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                // No otel_scope_* label on every series and no target_info family: the names say where a series comes from.
                prometheus.ScopeInfoEnabled = false;
                prometheus.TargetInfoEnabled = false;
            });
        });
        return services;
    }

    /// <summary>Adds meters to a host's <c>/metrics</c> (the in-process gateway's, for <c>gatehouse up</c>).</summary>
    public static IServiceCollection AddGatehouseMeters(this IServiceCollection services, params string[] meters) =>
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(meters));

    /// <summary>Serves the Prometheus text of every collected meter at <see cref="Path"/>.</summary>
    public static IEndpointConventionBuilder MapGatehouseMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(Path);
}
