using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Tls;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// The request changes of DESIGN.md §4 on top of YARP's default copy (path and query unchanged): the Host by
/// <c>pass_host</c>, <c>X-Forwarded-For/-Proto/-Host</c> set from this hop only (client-sent values replaced), and
/// client-sent <c>X-Client-Cert-*</c> always stripped. Built once per service route.
/// </summary>
internal sealed class ForwardingTransformer(UpstreamRecord upstream) : HttpTransformer
{
    /// <summary>Client-sent headers that claim what only this hop may say: every one is removed, whatever its suffix.</summary>
    private static readonly string[] StrippedPrefixes = ["X-Forwarded-", "X-Client-Cert"];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
        string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var claimed = proxyRequest.Headers.Select(h => h.Key)
            .Where(name => name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
                || StrippedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        foreach (var name in claimed) proxyRequest.Headers.Remove(name);

        var clientHost = httpContext.Request.Host.Value;
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
