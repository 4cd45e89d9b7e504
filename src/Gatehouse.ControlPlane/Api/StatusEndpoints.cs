using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Json;
using Gatehouse.Hosting.Health;
using Gatehouse.Hosting.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gatehouse.ControlPlane.Api;

/// <summary>The unauthenticated routes at the root of the admin listener: health, readiness, metrics (Prometheus text).</summary>
internal static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        // Every answer comes from the in-memory model: no route lists the store (DESIGN.md §11).
        app.MapGet("/healthz", (ConfigModelHolder holder) => holder.IsLoaded
            ? Results.Json(new { status = "ok", revision = holder.Current.Revision }, GatehouseJson.Options)
            : Results.Json(new { status = "loading", revision = (long?)null }, GatehouseJson.Options, statusCode: 503));

        app.MapGet("/readyz", async (IEnumerable<IReadinessCheck> checks, ConfigModelHolder holder, CancellationToken ct) =>
        {
            var results = new Dictionary<string, string>();
            foreach (var check in checks) results[check.Name] = await check.CheckAsync(ct) ?? "ok";
            var ready = results.Values.All(v => v == "ok");
            return Results.Json(new { status = ready ? "ready" : "not_ready", checks = results, bad_store_items = holder.Current.BadKeys },
                GatehouseJson.Options, statusCode: ready ? 200 : 503);
        });

        // Instruments read counts the model and the store probe keep (ConfigMetrics, StoreHealth): a scrape reads no store.
        app.MapGatehouseMetrics();
    }
}
