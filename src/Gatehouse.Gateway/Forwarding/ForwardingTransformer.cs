using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Routing;
using Gatehouse.Gateway.Tls;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// The request changes of DESIGN.md §4 on top of YARP's default header copy: the request target as received, the
/// Host by <c>pass_host</c> (the raw header: an IDN host travels in the A-label form the client sent), headers that
/// must not travel on removed (<see cref="RequestHeaderFilter"/>), and <c>X-Forwarded-For/-Proto/-Host</c> and the
/// client's identity set from this hop only. Built once per service route.
/// </summary>
internal sealed class ForwardingTransformer(UpstreamRecord upstream, bool allowUnderscoresInHeaders) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
        string destinationPrefix, CancellationToken cancellationToken)
    {
        // Set before the base call: YARP builds its own (re-encoded) URI only when none is set.
        proxyRequest.RequestUri = RequestTarget.For(httpContext, destinationPrefix);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        RequestHeaderFilter.Apply(httpContext.Request.Headers, proxyRequest, allowUnderscoresInHeaders);

        var clientHost = RequestBinding.RawHost(httpContext);
        // rewrite sends upstream.host; pass forwards the client's Host (null lets the handler use the target's).
        proxyRequest.Headers.Host = upstream.PassHost == "rewrite" && upstream.Host is { } rewritten ? rewritten : NullIfEmpty(clientHost);

        if (httpContext.Connection.RemoteIpAddress is { } client)
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", client.IsIPv4MappedToIPv6 ? client.MapToIPv4().ToString() : client.ToString());
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", httpContext.Request.Scheme);
        if (NullIfEmpty(clientHost) is { } host) proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", host);
        AddClientIdentity(httpContext, proxyRequest);
    }

    /// <summary>
    /// The client's identity, only when the serving object has peer authentication: its own callback then accepted
    /// this very certificate (resumption is off for such objects, so no certificate cached for another object
    /// reaches here; DESIGN.md §10).
    /// </summary>
    private static void AddClientIdentity(HttpContext httpContext, HttpRequestMessage proxyRequest)
    {
        if (SelectedSslObject.Get(httpContext) is not { Model.Facts.PeerAuthentication: true }) return;
        if (httpContext.Connection.ClientCertificate is not { } certificate) return;
        proxyRequest.Headers.TryAddWithoutValidation("X-Client-Cert-Subject", DistinguishedNames.ToRfc4514(certificate.SubjectName));
        proxyRequest.Headers.TryAddWithoutValidation("X-Client-Cert-Sha256",
            certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256).ToLowerInvariant());
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
