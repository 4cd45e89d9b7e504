namespace Gatehouse.Gateway.Routing;

/// <summary>Path prefix matching on segment boundaries, case-sensitive (DESIGN.md §4).</summary>
internal static class PathPrefix
{
    /// <summary>
    /// True when <paramref name="prefix"/> (stored without a trailing slash, except "/") covers <paramref name="path"/>:
    /// <c>/api</c> matches <c>/api</c> and <c>/api/x</c>, not <c>/apix</c>; "/" matches every path.
    /// </summary>
    public static bool Matches(string prefix, string path)
    {
        if (prefix == "/") return true;
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return path.Length == prefix.Length || path[prefix.Length] == '/';
    }
}
