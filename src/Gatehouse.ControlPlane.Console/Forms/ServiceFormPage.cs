using System.Globalization;
using Gatehouse.Configuration;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>The service form shared by Create and Edit; it builds the same draft <see cref="ServiceRecord"/> a JSON body would.</summary>
public abstract class ServiceFormPage : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Hosts { get; set; }
    [BindProperty] public string? PathPrefix { get; set; } = "/";
    [BindProperty] public bool Http { get; set; } = true;
    [BindProperty] public bool Https { get; set; } = true;
    [BindProperty] public string? Labels { get; set; }
    [BindProperty] public string Scheme { get; set; } = "http";
    [BindProperty] public string? Targets { get; set; }
    [BindProperty] public string PassHost { get; set; } = "pass";
    [BindProperty] public string? UpstreamHost { get; set; }
    [BindProperty] public string? ClientSslId { get; set; }
    [BindProperty] public string? UpstreamCa { get; set; }
    [BindProperty] public string? UpstreamSni { get; set; }
    [BindProperty] public bool TlsVerify { get; set; } = true;
    [BindProperty] public int ConnectMs { get; set; } = TimeoutsRecord.Default.ConnectMs;
    [BindProperty] public int ReadMs { get; set; } = TimeoutsRecord.Default.ReadMs;
    [BindProperty] public bool AllowUnderscoresInHeaders { get; set; }

    public FormErrors Errors { get; } = new("name", "hosts", "path_prefix", "protocols", "labels", "upstream.scheme",
        "upstream.targets", "upstream.pass_host", "upstream.host", "upstream.client_ssl_id", "upstream.ca_certificate",
        "upstream.sni", "upstream.timeouts.connect_ms", "upstream.timeouts.read_ms");

    /// <summary>Client SSL objects to choose from for <c>client_ssl_id</c>.</summary>
    public IReadOnlyList<string> ClientSslIds { get; protected set; } = [];

    /// <summary>Client SSL objects of <paramref name="state"/>, for the <c>client_ssl_id</c> choice.</summary>
    protected void LoadChoices(ConfigModel state) =>
        ClientSslIds = [.. state.SslsInIdOrder().Where(m => m.Type == SslObjectType.Client).Select(m => m.Id)];

    protected ServiceRecord ToDraft(List<ValidationError> errors)
    {
        var targets = new List<TargetRecord>();
        var lines = (Targets ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            if (TryParseTarget(lines[i], out var target)) targets.Add(target);
            else errors.Add(new("upstream.targets", "invalid_target",
                $"Line {i + 1}: write host:port, optionally followed by a space and a weight (0 drains), e.g. 10.0.0.5:8080 5."));
        }
        List<string> protocols = [];
        if (Http) protocols.Add(ServiceProtocols.Http);
        if (Https) protocols.Add(ServiceProtocols.Https);
        return new ServiceRecord("", Name?.Trim() ?? "", Split(Hosts), string.IsNullOrWhiteSpace(PathPrefix) ? "/" : PathPrefix.Trim(),
            protocols, SslFormPage.ParseLabels(Labels),
            new UpstreamRecord(Scheme, targets, PassHost, Blank(UpstreamHost), Blank(ClientSslId), Blank(UpstreamCa)?.Replace("\r\n", "\n"),
                Blank(UpstreamSni), TlsVerify, new TimeoutsRecord(ConnectMs, ReadMs)),
            default, default)
        {
            AllowUnderscoresInHeaders = AllowUnderscoresInHeaders,
        };
    }

    protected void Fill(ServiceRecord record)
    {
        Name = record.Name;
        Hosts = string.Join("\n", record.Hosts);
        PathPrefix = record.PathPrefix;
        Http = record.Protocols.Contains(ServiceProtocols.Http);
        Https = record.Protocols.Contains(ServiceProtocols.Https);
        Labels = string.Join(", ", record.Labels);
        var upstream = record.Upstream;
        Scheme = upstream.Scheme;
        Targets = string.Join("\n", upstream.Targets.Select(t => $"{(t.Host.Contains(':') ? $"[{t.Host}]" : t.Host)}:{t.Port} {t.Weight}"));
        PassHost = upstream.PassHost;
        UpstreamHost = upstream.Host;
        ClientSslId = upstream.ClientSslId;
        UpstreamCa = upstream.CaCertificate;
        UpstreamSni = upstream.Sni;
        TlsVerify = upstream.TlsVerify;
        ConnectMs = upstream.Timeouts.ConnectMs;
        ReadMs = upstream.Timeouts.ReadMs;
        AllowUnderscoresInHeaders = record.AllowUnderscoresInHeaders;
    }

    private static IReadOnlyList<string> Split(string? text) =>
        [.. (text ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary><c>host:port [weight]</c>; an IPv6 host in brackets.</summary>
    private static bool TryParseTarget(string line, out TargetRecord target)
    {
        target = new TargetRecord("", 0, 1);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2) return false;
        var weight = 1;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out weight)) return false;
        var colon = parts[0].LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(parts[0][(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return false;
        var host = parts[0][..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        target = new TargetRecord(host, port, weight);
        return true;
    }
}
