using Gatehouse.Configuration;
using Gatehouse.Core.Json;
using Gatehouse.Hosting.Builder;
using Gatehouse.Hosting.Logging;
using Gatehouse.Hosting.Metrics;
using Gatehouse.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatehouse.Gateway.Hosting;

/// <summary>
/// The status listener of <c>gatehouse gateway</c>: unauthenticated <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>,
/// no Admin API, no console. Every answer comes from the gateway's own snapshot; the store is only probed for
/// <c>/readyz</c>'s report, because a gateway that lost its store keeps serving its last snapshot (DESIGN.md §6).
/// </summary>
public static class StatusHost
{
    public static WebApplication Build(StatusHostOptions options, GatewayRuntime runtime, IConfigStore store)
    {
        var builder = GatehouseWebApplication.CreateSlimBuilder("gatehouse-gateway-status");
        GatehouseLogging.Configure(builder.Logging);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Listen);
        });
        builder.Services.AddSingleton(_ => new StoreHealth(store, options.StoreProbeInterval));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StoreHealth>());
        // The gateway's own families and the store's (no configuration gauges: those are the control plane's), beside
        // Kestrel's and the HTTP client's meters, which also see the data listeners of this process.
        builder.Services.AddGatehouseMetrics(GatewayMetrics.MeterName, StoreHealth.MeterName);
        var app = builder.Build();
        var holder = runtime.Holder;
        var storeHealth = app.Services.GetRequiredService<StoreHealth>();

        app.MapGet("/healthz", () => Results.Json(new { status = "ok", revision = holder.Current.Revision }, GatehouseJson.Options));

        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            var ready = holder.IsLoaded;
            var checks = new Dictionary<string, string>
            {
                ["gateway_snapshot"] = ready ? "ok" : "the first configuration snapshot is not loaded yet",
                ["store"] = await storeHealth.ProbeAsync(ct) ? "ok" : "unreachable (serving the last snapshot)",
            };
            return Results.Json(new { status = ready ? "ready" : "not_ready", revision = holder.Current.Revision, checks, bad_store_items = holder.Current.BadKeys },
                GatehouseJson.Options, statusCode: ready ? 200 : 503);
        });

        app.MapGatehouseMetrics();
        return app;
    }
}
