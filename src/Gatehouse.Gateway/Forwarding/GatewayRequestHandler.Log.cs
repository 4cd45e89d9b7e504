using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Forwarding;

internal sealed partial class GatewayRequestHandler
{
    /// <summary>The category of the access log.</summary>
    public const string AccessLogCategory = "Gatehouse.Gateway.AccessLog";

    private const int MaxHostLength = 256;

    /// <summary>
    /// One line per request (DESIGN.md §9). Only the path is logged, never the query string; no header other
    /// than Host is read, so Authorization and Cookie never reach the log.
    /// </summary>
    private void WriteAccessLog(HttpContext context, ServiceRoute? route, UpstreamTarget? target, TimeSpan latency)
    {
        if (!accessLog.IsEnabled(LogLevel.Information)) return;
        var client = context.Connection.RemoteIpAddress;
        var host = context.Request.Host.Value ?? "";
        LogAccess(accessLog,
            client is null ? "-" : client.IsIPv4MappedToIPv6 ? client.MapToIPv4().ToString() : client.ToString(),
            context.Request.IsHttps ? SelectedSslObject.ServerName(context) ?? "" : "-",
            host.Length > MaxHostLength ? host[..MaxHostLength] : host,
            SelectedSslObject.Get(context)?.Model.Id ?? "-",
            route?.Service.Id ?? "-",
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Protocol,
            context.Response.StatusCode,
            target?.Address ?? "-",
            Math.Round(latency.TotalMilliseconds, 1));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "client={ClientIp} sni={Sni} host={Host} ssl={SslId} service={ServiceId} {Method} {Path} {Protocol} status={Status} upstream={Upstream} latency_ms={LatencyMs}")]
    private static partial void LogAccess(ILogger logger, string clientIp, string sni, string host, string sslId, string serviceId,
        string method, string path, string protocol, int status, string upstream, double latencyMs);

    /// <summary>Why forwarding failed: the YARP error and the exception types (messages may hold URLs, so never them).</summary>
    private void LogForwardFailure(ServiceRoute route, UpstreamTarget target, Yarp.ReverseProxy.Forwarder.ForwarderError error, Exception? exception)
    {
        var chain = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            chain.Add(e is HttpRequestException { HttpRequestError: var kind } ? $"{e.GetType().Name}:{kind}" : e.GetType().Name);
        LogForwardFailed(accessLog, route.Service.Id, target.Address, error.ToString(), string.Join(" <- ", chain));
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Forwarding for service {ServiceId} to {Upstream} failed: {Error} ({Exceptions})")]
    private static partial void LogForwardFailed(ILogger logger, string serviceId, string upstream, string error, string exceptions);
}
