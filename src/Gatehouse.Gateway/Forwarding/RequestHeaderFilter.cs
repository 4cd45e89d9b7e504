using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Client-sent request headers that never reach an upstream (DESIGN.md §4, docs/decisions.md):
/// <list type="bullet">
/// <item>Headers claiming what only this hop may say — a client's TLS identity or address — in every common
/// convention: <c>X-Forwarded-*</c>, <c>Forwarded</c>, <c>X-Real-IP</c>, <c>X-Client-Cert*</c>, RFC 9440
/// <c>Client-Cert</c> and <c>Client-Cert-Chain</c>, <c>X-SSL-*</c>, <c>Ssl-Client-*</c>. Compared case-insensitively
/// with <c>_</c> equal to <c>-</c>, because WSGI/CGI/Rack servers merge both spellings into one variable.</item>
/// <item>Names containing <c>_</c>, unless the service allows them (as nginx's <c>underscores_in_headers</c>).</item>
/// <item>Hop-by-hop headers: those named in <c>Connection</c> (RFC 9110 §7.6.1) and <c>X-Content-Length</c>, Kestrel's
/// rename of a Content-Length sent with Transfer-Encoding.</item>
/// </list>
/// Runs on every forwarded request: it scans the names once and allocates only for a <c>Connection</c> header.
/// </summary>
internal static class RequestHeaderFilter
{
    private static readonly string[] ClaimedNames = ["Forwarded", "X-Real-IP", "Client-Cert", "Client-Cert-Chain", "X-SSL", "Ssl-Client"];
    private static readonly string[] ClaimedPrefixes = ["X-Forwarded-", "X-Client-Cert", "X-SSL-", "Ssl-Client-"];

    /// <summary>Headers a <c>Connection</c> option may not remove: framing and what the forwarder manages itself.</summary>
    private static readonly string[] KeptConnectionOptions = ["close", "keep-alive", "upgrade", "Content-Length", "Transfer-Encoding", "Host"];

    /// <summary>Removes from <paramref name="proxyRequest"/> every header of <paramref name="incoming"/> that must not travel on.</summary>
    public static void Apply(IHeaderDictionary incoming, HttpRequestMessage proxyRequest, bool allowUnderscores)
    {
        foreach (var header in incoming)
        {
            if (IsDropped(header.Key, allowUnderscores)) proxyRequest.Headers.Remove(header.Key);
        }
        if (incoming.Connection is { Count: > 0 } connection) RemoveConnectionOptions(connection, proxyRequest);
    }

    /// <summary>True for a header name that is never forwarded.</summary>
    public static bool IsDropped(string name, bool allowUnderscores)
    {
        if (!allowUnderscores && name.Contains('_')) return true;
        if (name.Equals("X-Content-Length", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var claimed in ClaimedNames)
        {
            if (name.Length == claimed.Length && LooselyStartsWith(name, claimed)) return true;
        }
        foreach (var prefix in ClaimedPrefixes)
        {
            if (LooselyStartsWith(name, prefix)) return true;
        }
        return false;
    }

    private static void RemoveConnectionOptions(StringValues connection, HttpRequestMessage proxyRequest)
    {
        foreach (var value in connection)
        {
            var rest = value.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var option = (comma < 0 ? rest : rest[..comma]).Trim(" \t");
                rest = comma < 0 ? default : rest[(comma + 1)..];
                if (option.IsEmpty || IsKept(option)) continue;
                var name = option.ToString();
                // Remove returns false (never throws) for a name its collection does not hold, e.g. a content header.
                if (!proxyRequest.Headers.Remove(name)) proxyRequest.Content?.Headers.Remove(name);
            }
        }
    }

    private static bool IsKept(ReadOnlySpan<char> option)
    {
        foreach (var kept in KeptConnectionOptions)
        {
            if (option.Equals(kept, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Case-insensitive ASCII prefix test in which <c>_</c> and <c>-</c> are the same character.</summary>
    private static bool LooselyStartsWith(string name, string prefix)
    {
        if (name.Length < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
        {
            if (Fold(name[i]) != Fold(prefix[i])) return false;
        }
        return true;
    }

    private static char Fold(char c) => c switch
    {
        '_' => '-',
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        _ => c,
    };
}
