using Gatehouse.Core.Services;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>What a pooled upstream connection depends on; one <see cref="HttpMessageInvoker"/> per distinct value.</summary>
internal sealed record UpstreamProfile(string Scheme, int ConnectMs, UpstreamTlsProfile? Tls)
{
    public static UpstreamProfile Of(UpstreamRecord upstream, UpstreamTlsMaterials? materials) => new(
        upstream.Scheme,
        upstream.Timeouts.ConnectMs,
        materials is null ? null : new UpstreamTlsProfile(upstream.Sni, upstream.TlsVerify, materials.Client?.Model.Id,
            materials.Client?.Model.Revision ?? 0, materials.TrustId));
}
