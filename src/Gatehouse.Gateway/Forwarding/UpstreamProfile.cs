using Gatehouse.Core.Services;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>What a pooled upstream connection depends on; one <see cref="HttpMessageInvoker"/> per distinct value.</summary>
internal sealed record UpstreamProfile(string Scheme, int ConnectMs, UpstreamTlsProfile? Tls)
{
    public static UpstreamProfile Of(UpstreamRecord upstream) => new(
        upstream.Scheme,
        upstream.Timeouts.ConnectMs,
        upstream.Scheme == "https" ? new UpstreamTlsProfile(upstream.Sni, upstream.TlsVerify, upstream.ClientSslId, upstream.CaCertificate) : null);
}
