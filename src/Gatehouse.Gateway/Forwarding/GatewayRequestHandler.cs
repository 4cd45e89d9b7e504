using System.Diagnostics;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Logging;
using Gatehouse.Gateway.Routing;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Every data-plane request: bind it to the handshake (DESIGN.md §3), route it on the listener's table (§4),
/// pick a target and forward with YARP over the profile's pooled invoker; then count it and write one access-log
/// line (§9). The snapshot is read once, so a request never sees half an update.
/// </summary>
internal sealed partial class GatewayRequestHandler(SnapshotHolder holder, IHttpForwarder forwarder, UpstreamInvokers invokers,
    GatewayMetrics metrics, TimeProvider time, AccessLogWriter? accessLog, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = holder.Current;
        ServiceRoute? route = null;
        UpstreamTarget? target = null;
        try
        {
            var error = RequestBinding.TryHost(context, out var host)
                ? RequestBinding.Check(context, snapshot, host, time.GetUtcNow())
                : DataPlaneErrors.InvalidHost;
            if (error is null)
            {
                var routes = context.Request.IsHttps ? snapshot.HttpsRoutes : snapshot.HttpRoutes;
                route = routes.Match(host, context.Request.Path.Value ?? "/");
                target = route?.Targets.Next();
                error = route is null ? DataPlaneErrors.NoRoute
                    : route.ClientMissing ? DataPlaneErrors.ClientSslMissing
                    : target is null ? DataPlaneErrors.NoTarget
                    : null;
            }
            if (error is not null) await DataPlaneErrors.WriteAsync(context, error);
            else await ForwardAsync(context, route!, target!);
        }
        finally
        {
            metrics.CountRequest(route?.Service.Id, context.Response.StatusCode);
            WriteAccessLog(context, route, target, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task ForwardAsync(HttpContext context, ServiceRoute route, UpstreamTarget target)
    {
        var result = await forwarder.SendAsync(context, target.DestinationPrefix, invokers.For(route.Profile, route.Tls), route.RequestConfig, route.Transformer);
        if (result == ForwarderError.None) return;
        LogForwardFailure(route, target, result, context.GetForwarderErrorFeature()?.Exception);
        if (context.Response.HasStarted) return;
        if (UpstreamErrors.Classify(result, context.GetForwarderErrorFeature()?.Exception) is ApiError error)
        {
            // YARP set a bare status; answer with the JSON error instead.
            context.Response.Headers.Clear();
            await DataPlaneErrors.WriteAsync(context, error);
        }
    }
}
