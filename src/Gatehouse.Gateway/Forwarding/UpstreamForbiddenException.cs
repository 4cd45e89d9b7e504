namespace Gatehouse.Gateway.Forwarding;

/// <summary>A connection reached an address the gateway never forwards to (<see cref="ForbiddenUpstreams"/>); answered 502 <c>upstream_forbidden</c>.</summary>
internal sealed class UpstreamForbiddenException() : IOException("The upstream address is forbidden (admin listener or link-local).");
