using Gatehouse.Gateway.Logging;
using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Forwarding;

internal sealed partial class GatewayRequestHandler
{
    /// <summary>
    /// One line per request (DESIGN.md §9), formatted here and written by the background writer. Only the path is
    /// logged, never the query string; no header other than Host is read, so Authorization and Cookie never reach
    /// the log.
    /// </summary>
    private void WriteAccessLog(HttpContext context, ServiceRoute? route, UpstreamTarget? target, TimeSpan latency)
    {
        if (accessLog is null) return;
        var https = context.Request.IsHttps;
        accessLog.Write(AccessLogLine.Format(new AccessLogEntry(
            time.GetUtcNow(),
            context.Connection.RemoteIpAddress,
            https ? SelectedSslObject.ServerName(context) ?? "" : null,
            RequestBinding.RawHost(context),
            https ? SelectedSslObject.Get(context)?.Model.Id : null,
            route?.Service.Id,
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Protocol,
            context.Response.StatusCode,
            target?.Address,
            latency.TotalMilliseconds)));
    }

    /// <summary>Why forwarding failed: the YARP error and the exception types (messages may hold URLs, so never them).</summary>
    private void LogForwardFailure(ServiceRoute route, UpstreamTarget target, Yarp.ReverseProxy.Forwarder.ForwarderError error, Exception? exception)
    {
        var chain = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            chain.Add(e is HttpRequestException { HttpRequestError: var kind } ? $"{e.GetType().Name}:{kind}" : e.GetType().Name);
        LogForwardFailed(logger, route.Service.Id, target.Address, error.ToString(), string.Join(" <- ", chain));
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Forwarding for service {ServiceId} to {Upstream} failed: {Error} ({Exceptions})")]
    private static partial void LogForwardFailed(ILogger logger, string serviceId, string upstream, string error, string exceptions);
}
