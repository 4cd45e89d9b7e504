using System.Text.Json;
using Gatehouse.Core.Json;
using Gatehouse.Core.Services;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>Which writable fields of a service differ, named as in requests (<c>upstream.targets</c>).</summary>
internal static class ServiceFields
{
    public static IReadOnlyList<string> Changed(ServiceRecord before, ServiceRecord after)
    {
        var fields = new List<string>();
        void Check(string field, object? a, object? b)
        {
            if (JsonSerializer.Serialize(a, GatehouseJson.Options) != JsonSerializer.Serialize(b, GatehouseJson.Options)) fields.Add(field);
        }
        Check("hosts", before.Hosts, after.Hosts);
        Check("path_prefix", before.PathPrefix, after.PathPrefix);
        Check("protocols", before.Protocols, after.Protocols);
        Check("labels", before.Labels, after.Labels);
        Check("allow_underscores_in_headers", before.AllowUnderscoresInHeaders, after.AllowUnderscoresInHeaders);
        var (a, b) = (before.Upstream, after.Upstream);
        Check("upstream.scheme", a.Scheme, b.Scheme);
        Check("upstream.targets", a.Targets, b.Targets);
        Check("upstream.pass_host", a.PassHost, b.PassHost);
        Check("upstream.host", a.Host, b.Host);
        Check("upstream.client_ssl", a.ClientSslId, b.ClientSslId);
        Check("upstream.ca_certificate", a.CaCertificate, b.CaCertificate);
        Check("upstream.sni", a.Sni, b.Sni);
        Check("upstream.tls_verify", a.TlsVerify, b.TlsVerify);
        Check("upstream.timeouts", a.Timeouts, b.Timeouts);
        return fields;
    }
}
