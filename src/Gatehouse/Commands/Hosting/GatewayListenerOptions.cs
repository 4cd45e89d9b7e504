using System.CommandLine;
using Gatehouse.Gateway.Hosting;
using Gatehouse.Gateway.Logging;

namespace Gatehouse.Commands.Hosting;

/// <summary>The data plane's listener options, shared by <c>up</c> and <c>gateway</c>.</summary>
internal sealed class GatewayListenerOptions
{
    public Option<string> HttpListen { get; } = new("--http-listen") { Description = "Plain HTTP gateway listener.", DefaultValueFactory = _ => "0.0.0.0:9080" };
    public Option<string> HttpsListen { get; } = new("--https-listen") { Description = "HTTPS gateway listener (certificate chosen by SNI).", DefaultValueFactory = _ => "0.0.0.0:9443" };

    public Option<string> AccessLog { get; } = new("--access-log")
    {
        Description = "Where the access log goes: a file path (appended to), stdout, or off.",
        DefaultValueFactory = _ => "stdout",
    };

    public Option<int> TlsContextCache { get; } = new("--tls-context-cache")
    {
        Description = "How many SSL objects' TLS contexts to keep built (least recently used beyond that are dropped and rebuilt on demand).",
        DefaultValueFactory = _ => Gateway.Tls.TlsContextCache.DefaultCapacity,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(HttpListen);
        command.Options.Add(HttpsListen);
        command.Options.Add(AccessLog);
        command.Options.Add(TlsContextCache);
    }

    /// <summary>The gateway host's options, or the usage error that stops the command.</summary>
    public string? TryResolve(ParseResult parse, out GatewayHostOptions options)
    {
        options = null!;
        if (!ListenAddress.TryParse(parse.GetValue(HttpListen)!, out var http))
            return "--http-listen must be an address such as 0.0.0.0:9080.";
        if (!ListenAddress.TryParse(parse.GetValue(HttpsListen)!, out var https))
            return "--https-listen must be an address such as 0.0.0.0:9443.";
        if (AccessLogDestination.Parse(parse.GetValue(AccessLog)) is not { } accessLog)
            return "--access-log must be a file path, stdout or off.";
        var cache = parse.GetValue(TlsContextCache);
        if (cache < 1) return $"--tls-context-cache must be at least 1 (got {cache}).";
        options = new GatewayHostOptions(http, https, accessLog, cache);
        return null;
    }
}
