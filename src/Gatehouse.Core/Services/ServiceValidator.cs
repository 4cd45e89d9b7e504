using System.Net;
using Gatehouse.Core.Names;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Services;

/// <summary>
/// Validates a service as one unit and returns it normalised (hosts as DNS A-labels, lower-case), reporting
/// every error at once (DESIGN.md §4). Cross-object rules (route conflicts, references) are checked by the
/// writer against the store in the same commit.
/// </summary>
public static class ServiceValidator
{
    public const int MaxHosts = 100;
    public const int MaxTargets = 100;

    /// <param name="draft">The request with defaults applied.</param>
    /// <param name="adminEndPoint">The admin listener; targets pointing at it are refused.</param>
    /// <param name="errors">Shape errors found while reading the request; every other error is appended.</param>
    public static ServiceRecord Validate(ServiceRecord draft, IPEndPoint? adminEndPoint, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200 || draft.Name.Any(char.IsControl))
            errors.Add(new("name", "invalid_parameter", "name is required: 1 to 200 printable characters."));
        var hosts = ValidateHosts(draft.Hosts, errors);
        var pathPrefix = ValidatePathPrefix(draft.PathPrefix, errors);
        ValidateProtocols(draft.Protocols, errors);
        if (draft.Labels.Count > 64 || draft.Labels.Any(l => l.Length is 0 or > 128 || l.Any(char.IsControl)))
            errors.Add(new("labels", "invalid_parameter", "At most 64 labels of 1 to 128 printable characters each."));
        var upstream = ValidateUpstream(draft.Upstream, adminEndPoint, errors);
        if (errors.Count > 0) throw new ValidationErrors(errors);
        return draft with { Hosts = hosts, PathPrefix = pathPrefix, Upstream = upstream };
    }

    private static List<string> ValidateHosts(IReadOnlyList<string> hosts, List<ValidationError> errors)
    {
        var normalized = new List<string>();
        if (hosts.Count == 0) errors.Add(new("hosts", "invalid_host", "hosts needs at least one host name (exact, or *.example.com)."));
        if (hosts.Count > MaxHosts) errors.Add(new("hosts", "invalid_host", $"At most {MaxHosts} hosts per service."));
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = HostName.NormalizePattern(hosts[i]);
            if (host is null)
                errors.Add(new($"hosts[{i}]", "invalid_host", $"hosts[{i}] is not a host name or a *.name wildcard (IP addresses are not hosts)."));
            else if (normalized.Contains(host))
                errors.Add(new($"hosts[{i}]", "invalid_host", $"hosts[{i}] repeats an earlier host (after normalisation)."));
            else
                normalized.Add(host);
        }
        return normalized;
    }

    /// <summary>Prefixes must start with "/"; a trailing "/" is dropped (except for "/") so "/api/" and "/api" mean the same route.</summary>
    private static string ValidatePathPrefix(string prefix, List<ValidationError> errors)
    {
        if (!prefix.StartsWith('/') || prefix.Length > 1024 || prefix.Any(c => c is '?' or '#' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add(new("path_prefix", "invalid_parameter", "path_prefix must start with \"/\" and hold no query, fragment, space or control character."));
            return prefix;
        }
        return prefix.Length > 1 ? prefix.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/" : prefix;
    }

    private static void ValidateProtocols(IReadOnlyList<string> protocols, List<ValidationError> errors)
    {
        if (protocols.Count == 0 || protocols.Any(p => !ServiceProtocols.All.Contains(p)) || protocols.Distinct().Count() != protocols.Count)
            errors.Add(new("protocols", "invalid_parameter", "protocols must list \"http\" and/or \"https\", each once."));
    }

    private static UpstreamRecord ValidateUpstream(UpstreamRecord upstream, IPEndPoint? admin, List<ValidationError> errors)
    {
        if (upstream.Scheme is not ("http" or "https"))
            errors.Add(new("upstream.scheme", "invalid_parameter", "upstream.scheme must be \"http\" or \"https\"."));
        if (upstream.Targets.Count == 0)
            errors.Add(new("upstream.targets", "missing_field", "upstream.targets needs at least one {host, port}."));
        if (upstream.Targets.Count > MaxTargets)
            errors.Add(new("upstream.targets", "invalid_target", $"At most {MaxTargets} targets per service."));
        var targets = new List<TargetRecord>();
        for (var i = 0; i < upstream.Targets.Count; i++) targets.Add(ValidateTarget(upstream.Targets[i], $"upstream.targets[{i}]", admin, errors));
        if (upstream.PassHost is not ("pass" or "rewrite"))
            errors.Add(new("upstream.pass_host", "invalid_parameter", "upstream.pass_host must be \"pass\" or \"rewrite\"."));
        string? host = null;
        if (upstream.Host is not null && (host = HostName.Normalize(upstream.Host) ?? (IPAddress.TryParse(upstream.Host, out _) ? upstream.Host : null)) is null)
            errors.Add(new("upstream.host", "invalid_host", "upstream.host must be a host name or an IP address."));
        if (upstream.PassHost == "rewrite" && upstream.Host is null)
            errors.Add(new("upstream.host", "missing_field", "pass_host \"rewrite\" needs upstream.host, the Host header to send."));
        string? sni = null;
        if (upstream.Sni is not null && (sni = HostName.Normalize(upstream.Sni)) is null)
            errors.Add(new("upstream.sni", "invalid_host", "upstream.sni must be a host name."));
        if (upstream.CaCertificate is not null)
        {
            var cas = CertificateReader.Read(upstream.CaCertificate, "upstream.ca_certificate", "invalid_ca_certificate", CertificateInspector.MaxCaCertificates, errors);
            if (cas is not null && cas.Any(c => c.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true }))
                errors.Add(new("upstream.ca_certificate", "invalid_ca_certificate", "Every upstream.ca_certificate entry must be a CA certificate (basicConstraints CA=true)."));
        }
        if (upstream.ClientSslId is not null && !Ids.ObjectIds.IsWellFormed(upstream.ClientSslId))
            errors.Add(new("upstream.client_ssl_id", "invalid_reference", "upstream.client_ssl_id does not name an SSL object."));
        Names.ObjectNames.Check(upstream.ClientSslName, "upstream.client_ssl", errors);
        if (upstream.Scheme == "http" && (upstream.ClientSslId ?? upstream.ClientSslName ?? upstream.CaCertificate ?? upstream.Sni) is not null)
            errors.Add(new("upstream.scheme", "invalid_parameter", "client_ssl_id, client_ssl, ca_certificate and sni need upstream.scheme \"https\"."));
        if (upstream.Timeouts.ConnectMs is < 1 or > 600_000)
            errors.Add(new("upstream.timeouts.connect_ms", "invalid_parameter", "connect_ms must be 1 to 600000."));
        if (upstream.Timeouts.ReadMs is < 1 or > 3_600_000)
            errors.Add(new("upstream.timeouts.read_ms", "invalid_parameter", "read_ms must be 1 to 3600000."));
        return upstream with { Targets = targets, Host = host ?? upstream.Host, Sni = sni ?? upstream.Sni };
    }

    private static TargetRecord ValidateTarget(TargetRecord target, string field, IPEndPoint? admin, List<ValidationError> errors)
    {
        var host = target.Host;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            host = address.ToString();
            if (UpstreamAddresses.IsLinkLocal(address))
                errors.Add(new(field + ".host", "invalid_target", $"{field}.host is a link-local address (cloud metadata and the like); not a valid upstream."));
        }
        else if (HostName.Normalize(host) is { } name)
        {
            host = name;
        }
        else
        {
            errors.Add(new(field + ".host", "invalid_target", $"{field}.host must be a host name or an IP address."));
        }
        if (target.Port is < 1 or > 65535)
            errors.Add(new(field + ".port", "invalid_target", $"{field}.port must be 1 to 65535."));
        if (target.Weight is < 0 or > 1000)
            errors.Add(new(field + ".weight", "invalid_target", $"{field}.weight must be 0 (drained) to 1000."));
        if (admin is not null && target.Port == admin.Port && PointsAtThisHost(host, address, admin))
            errors.Add(new(field, "invalid_target", $"{field} points at the admin listener; the gateway never forwards to it."));
        return target with { Host = host };
    }

    /// <remarks>
    /// A connect to the unspecified address (0.0.0.0 or ::) reaches this host on Linux, exactly like loopback,
    /// so both count as local; an IPv4-mapped IPv6 address is judged as its IPv4 address.
    /// </remarks>
    private static bool PointsAtThisHost(string host, IPAddress? address, IPEndPoint admin)
    {
        if (address is null) return host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.Equals(admin.Address)) return true;
        var adminIsAny = admin.Address.Equals(IPAddress.Any) || admin.Address.Equals(IPAddress.IPv6Any);
        var local = IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
        return local && (adminIsAny || IPAddress.IsLoopback(admin.Address));
    }
}
