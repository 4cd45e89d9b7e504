using Gatehouse.Hosting.Errors;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.Gateway.Routing;

/// <summary>The data plane's JSON errors (DESIGN.md §4), in the same shape as the Admin API's.</summary>
internal static class DataPlaneErrors
{
    public static ApiError NoRoute { get; } = ApiError.Of(404, "no_route", "No service routes this host and path.");

    public static ApiError Misdirected { get; } = ApiError.Of(421, "misdirected_request",
        "The Host of this request is not served by this connection's certificate; open a new connection for it.");

    public static ApiError PeerAuthenticationRequired { get; } = ApiError.Of(403, "peer_authentication_required",
        "This host requires a client certificate: use HTTPS.");

    public static ApiError InvalidHost { get; } = ApiError.Of(400, "invalid_host", "The Host header is not a valid host name.");

    public static ApiError UpstreamForbidden { get; } = ApiError.Of(502, "upstream_forbidden",
        "The upstream address is the admin listener or a link-local address; the gateway never forwards there.");

    public static ApiError NoTarget { get; } = ApiError.Of(503, "no_target", "Every upstream target of this service is drained (weight 0).");

    public static ApiError UpstreamUnreachable { get; } = ApiError.Of(502, "upstream_unreachable", "The upstream could not be reached.");

    public static ApiError UpstreamTlsFailed { get; } = ApiError.Of(502, "upstream_tls_failed", "The TLS handshake with the upstream failed.");

    public static ApiError ClientSslMissing { get; } = ApiError.Of(502, "client_ssl_missing",
        "The client SSL object this service presents to its upstream no longer exists.");

    public static ApiError UpstreamTimeout { get; } = ApiError.Of(504, "upstream_timeout", "The upstream did not answer in time.");

    public static Task WriteAsync(HttpContext context, ApiError error) => ApiErrorWriter.WriteAsync(context, error);
}
