using Gatehouse.ControlPlane.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.ControlPlane.Metrics;
using Gatehouse.Core.Json;
using Gatehouse.Hosting.Health;
using Gatehouse.Hosting.Metrics;
using Gatehouse.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>The unauthenticated routes at the root of the admin listener: health, readiness, metrics.</summary>
public static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (ConfigReader reader, CancellationToken ct) =>
        {
            try
            {
                var state = await reader.ReadAsync(ct);
                return Results.Json(new { status = "ok", revision = state.Revision }, GatehouseJson.Options);
            }
            catch (StoreUnavailableException)
            {
                return Results.Json(new { status = "store_unavailable", revision = (long?)null }, GatehouseJson.Options, statusCode: 503);
            }
        });

        app.MapGet("/readyz", async (IEnumerable<IReadinessCheck> checks, ConfigReader reader, CancellationToken ct) =>
        {
            var results = new Dictionary<string, string>();
            foreach (var check in checks) results[check.Name] = await check.CheckAsync(ct) ?? "ok";
            var ready = results.Values.All(v => v == "ok");
            IReadOnlyList<string> badItems = [];
            if (ready) badItems = (await reader.ReadAsync(ct)).BadKeys;
            return Results.Json(new { status = ready ? "ready" : "not_ready", checks = results, bad_store_items = badItems },
                GatehouseJson.Options, statusCode: ready ? 200 : 503);
        });

        app.MapGet("/metrics", async (ConfigReader reader, IEnumerable<IMetricsSource> sources, TimeProvider time, CancellationToken ct) =>
        {
            var text = new PrometheusText();
            try
            {
                ConfigMetrics.Write(text, await reader.ReadAsync(ct), time.GetUtcNow());
            }
            catch (StoreUnavailableException)
            {
                text.Family("gatehouse_store_up", "gauge", "1 when the store answered the last read.").Sample("gatehouse_store_up", 0);
            }
            foreach (var source in sources) source.Write(text);
            return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
        });
    }
}
