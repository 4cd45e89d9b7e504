using System.Globalization;
using System.Net;

namespace Gatehouse.Core.Names;

/// <summary>
/// Name normalisation shared by SNI, SANs, service hosts and Host headers (DESIGN.md §3):
/// IDN to A-label, lower-case, one trailing dot removed.
/// </summary>
public static class HostName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>
    /// Normalises a DNS name. Returns null for null, empty, an IP literal, or anything that is not a
    /// valid host name after IDN mapping (including a name that starts with <c>*.</c>).
    /// </summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        if (name.EndsWith('.')) name = name[..^1];
        if (name.Length == 0 || name.Length > 253 || IPAddress.TryParse(name, out _)) return null;
        // The common case on the request path: already a lower-case A-label name; no IDN work, no allocation.
        if (IsValidAsciiName(name) && !name.Contains("xn--", StringComparison.Ordinal)) return name;
        string ascii;
        try
        {
            ascii = Idn.GetAscii(name).ToLowerInvariant();
            // An A-label must decode: "xn--a" passes GetAscii unchanged but is no name (and makes HostString throw).
            if (ascii.Contains("xn--", StringComparison.Ordinal)) Idn.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return IsValidAsciiName(ascii) ? ascii : null;
    }

    /// <summary>
    /// Normalises a name that may be a wildcard <c>*.p</c> (the whole left-most label only). Returns the
    /// normalised pattern, or null when invalid. A wildcard needs at least two labels after the star.
    /// </summary>
    public static string? NormalizePattern(string? pattern)
    {
        if (pattern is null) return null;
        if (!pattern.StartsWith("*.", StringComparison.Ordinal)) return Normalize(pattern);
        var parent = Normalize(pattern[2..]);
        return parent is not null && parent.Contains('.') ? "*." + parent : null;
    }

    /// <summary>
    /// Normalises an HTTP Host header value: drops the port and IPv6 brackets first. Returns null when the
    /// host is missing or an IP literal (such a request selects like a handshake without SNI).
    /// </summary>
    public static string? NormalizeHostHeader(string? host) => TryNormalizeHostHeader(host, out var name) ? name : null;

    /// <summary>
    /// Normalises an HTTP Host header value as received (the raw header, never ASP.NET's decoded
    /// <c>HttpRequest.Host</c>): drops the port and IPv6 brackets first. True with a null <paramref name="name"/>
    /// for a missing Host or an IP literal; false when the value names nothing (bad punycode, bad characters).
    /// </summary>
    public static bool TryNormalizeHostHeader(string? host, out string? name)
    {
        name = null;
        if (string.IsNullOrEmpty(host)) return true;
        if (host.StartsWith('['))
        {
            return true; // a bracketed IPv6 literal, with or without a port
        }
        var colon = host.LastIndexOf(':');
        if (colon >= 0) host = host[..colon];
        name = Normalize(host);
        return name is not null || IsIpLiteral(host);
    }

    private static bool IsIpLiteral(string host) =>
        IPAddress.TryParse(host.EndsWith('.') ? host[..^1] : host, out _);

    /// <summary>True when <paramref name="host"/> is one label followed by <c>.</c> + <paramref name="parent"/>.</summary>
    public static bool IsOneLabelBelow(string host, string parent) =>
        host.Length > parent.Length + 1
        && host.EndsWith(parent, StringComparison.Ordinal)
        && host[host.Length - parent.Length - 1] == '.'
        && host.IndexOf('.') == host.Length - parent.Length - 1;

    private static bool IsValidAsciiName(string name)
    {
        if (name.Length is 0 or > 253) return false;
        var labelStart = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            if (i < name.Length && name[i] != '.')
            {
                // Underscores appear in real internal names; accepted (docs/decisions.md).
                if (!(name[i] is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')) return false;
                continue;
            }
            var length = i - labelStart;
            if (length is 0 or > 63 || name[labelStart] == '-' || name[i - 1] == '-') return false;
            labelStart = i + 1;
        }
        return true;
    }
}
