using System.Security.Authentication;
using Gatehouse.Gateway.Routing;
using Gatehouse.Hosting.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>Maps a forwarding failure that happened before the response started to the data plane's error (DESIGN.md §4).</summary>
internal static class UpstreamErrors
{
    /// <summary>The error to answer with, or null when the client caused the failure (it is gone or sent a bad body).</summary>
    public static ApiError? Classify(ForwarderError error, Exception? exception) => error switch
    {
        ForwarderError.Request when Has<UpstreamForbiddenException>(exception) => DataPlaneErrors.UpstreamForbidden,
        ForwarderError.RequestTimedOut => DataPlaneErrors.UpstreamTimeout,
        ForwarderError.Request when Has<AuthenticationException>(exception) => DataPlaneErrors.UpstreamTlsFailed,
        // The handler's connect timeout surfaces as a cancellation or a TimeoutException (nginx: 504 as well).
        ForwarderError.Request when Has<TimeoutException>(exception) || Has<OperationCanceledException>(exception) => DataPlaneErrors.UpstreamTimeout,
        ForwarderError.Request or ForwarderError.RequestBodyDestination or ForwarderError.ResponseHeaders
            or ForwarderError.NoAvailableDestinations => DataPlaneErrors.UpstreamUnreachable,
        _ => null,
    };

    private static bool Has<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T) return true;
        }
        return false;
    }
}
