using Gatehouse.Core.Names;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;
using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.Gateway.Routing;

/// <summary>
/// Binds a request to its connection's handshake (DESIGN.md §3), before routing. HTTPS: the Host must select
/// the object that served the connection, else 421. Plain HTTP: a Host whose object has peer authentication
/// gets 403, whatever the service's protocols. A missing or IP-literal Host selects like no SNI.
/// </summary>
internal static class RequestBinding
{
    /// <summary>The error to answer with, or null when the request may be routed.</summary>
    public static ApiError? Check(HttpContext context, GatewaySnapshot snapshot, string? host, DateTimeOffset now)
    {
        var selected = snapshot.Sni.Select(host ?? "", now);
        if (context.Request.IsHttps)
        {
            var served = SelectedSslObject.Get(context);
            // Same object, and the same peer-authentication CA set as at the handshake: an object that gained or
            // changed its CA (or its CRLs) since must not serve requests on a connection that never passed that check.
            return served is not null && selected is not null && selected.Id == served.Model.Id
                && selected.Facts.CaSetId == served.Model.Facts.CaSetId
                && selected.Revocation.Id == served.Model.Revocation.Id
                ? null
                : DataPlaneErrors.Misdirected;
        }
        return selected is { Facts.PeerAuthentication: true } ? DataPlaneErrors.PeerAuthenticationRequired : null;
    }

    /// <summary>
    /// The request's Host, normalised (null when missing or an IP literal), read from the raw header: ASP.NET's
    /// <c>HttpRequest.Host</c> decodes punycode and throws on a malformed A-label. False when the Host names nothing.
    /// </summary>
    public static bool TryHost(HttpContext context, out string? host) => HostName.TryNormalizeHostHeader(RawHost(context), out host);

    /// <summary>The Host header exactly as the client sent it ("" when missing): what is logged and forwarded.</summary>
    public static string RawHost(HttpContext context) => context.Request.Headers.Host.ToString();
}
