using System.Text.Json;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Services;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Services;

/// <summary>Reads a service request body (DESIGN.md §4) into a draft record with the defaults applied.</summary>
internal static class ServiceRequest
{
    public static IReadOnlySet<string> WritableFields { get; } =
        new HashSet<string> { "name", "hosts", "path_prefix", "protocols", "labels", "upstream", "allow_underscores_in_headers" };

    public static IReadOnlySet<string> ReadOnlyFields { get; } =
        new HashSet<string> { "id", "created_at", "updated_at", "revision", "tls_coverage", "warnings" };

    private static readonly HashSet<string> UpstreamFields =
        ["scheme", "targets", "pass_host", "host", "client_ssl_id", "client_ssl", "ca_certificate", "sni", "tls_verify", "timeouts"];

    private static readonly HashSet<string> TargetFields = ["host", "port", "weight"];
    private static readonly HashSet<string> TimeoutFields = ["connect_ms", "read_ms"];

    /// <summary>The draft; shape errors go to <paramref name="errors"/> (the draft is still returned so validation can add more).</summary>
    /// <param name="path">Where the object sits in a larger document (<c>services[api]</c>), prefixed to every field name; empty for a request body.</param>
    public static ServiceRecord Read(JsonElement root, List<ValidationError> errors, string path = "")
    {
        var body = JsonFields.Read(root, path, WritableFields, errors)!;
        var name = body.String("name");
        if (name is null) body.Missing("name", "a name for the service");
        var hosts = body.Strings("hosts");
        if (hosts is null) body.Missing("hosts", "the host names this service answers");
        var upstream = body.Element("upstream") is { } element ? ReadUpstream(element, body.Path("upstream"), errors) : null;
        if (upstream is null && body.Element("upstream") is null) body.Missing("upstream", "where to forward: {scheme, targets}");
        return new ServiceRecord("", name ?? "", hosts ?? [], body.String("path_prefix") ?? "/",
            body.Strings("protocols") ?? ServiceProtocols.All, body.Strings("labels") ?? [],
            upstream ?? new UpstreamRecord("http", [], "pass", null, null, null, null, true, TimeoutsRecord.Default),
            default, default)
        {
            AllowUnderscoresInHeaders = body.Bool("allow_underscores_in_headers") ?? false,
        };
    }

    private static UpstreamRecord? ReadUpstream(JsonElement element, string path, List<ValidationError> errors)
    {
        var upstream = JsonFields.Read(element, path, UpstreamFields, errors);
        if (upstream is null) return null;
        var targets = new List<TargetRecord>();
        var items = upstream.Array("targets");
        if (items is null) upstream.Missing("targets", "at least one {host, port}");
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var target = JsonFields.Read(items![i], $"{path}.targets[{i}]", TargetFields, errors);
            if (target is null) continue;
            var host = target.String("host");
            var port = target.Int("port");
            if (host is null) target.Missing("host", "a host name or IP address");
            if (port is null) target.Missing("port", "a TCP port");
            targets.Add(new TargetRecord(host ?? "", port ?? 0, target.Int("weight") ?? 1));
        }
        var timeouts = TimeoutsRecord.Default;
        if (upstream.Element("timeouts") is { } timeoutElement && JsonFields.Read(timeoutElement, $"{path}.timeouts", TimeoutFields, errors) is { } t)
            timeouts = new TimeoutsRecord(t.Int("connect_ms") ?? timeouts.ConnectMs, t.Int("read_ms") ?? timeouts.ReadMs);
        return new UpstreamRecord(upstream.String("scheme") ?? "http", targets, upstream.String("pass_host") ?? "pass",
            upstream.String("host"), upstream.String("client_ssl_id"), upstream.String("ca_certificate"), upstream.String("sni"),
            upstream.Bool("tls_verify") ?? true, timeouts)
        {
            ClientSslName = upstream.String("client_ssl"),
        };
    }
}
