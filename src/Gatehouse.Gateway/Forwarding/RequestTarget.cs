using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// The upstream URI with the request target exactly as the client sent it (DESIGN.md §4: forwarded unchanged).
/// YARP would rebuild it from the decoded path and re-encode it, turning <c>%2F</c> into <c>%252F</c>; .NET's
/// <see cref="Uri"/> would also unescape or remove dot segments unless told not to.
/// </summary>
internal static class RequestTarget
{
    private static readonly UriCreationOptions AsReceived = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>
    /// The URI to send, or null to let YARP build one from Kestrel's parsed path and query: for a target that is not
    /// in origin form (absolute-form <c>http://h/p</c>, or <c>*</c>) or that <see cref="Uri"/> cannot hold.
    /// </summary>
    public static Uri? For(HttpContext context, string destinationPrefix)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/') return null;
        return Uri.TryCreate(string.Concat(destinationPrefix, raw), in AsReceived, out var uri) ? uri : null;
    }
}
