using System.CommandLine;

namespace Gatehouse.Commands.Hosting;

/// <summary><c>--store etcd://h1:2379,h2:2379</c>: the shared store of the split roles (DESIGN.md §7).</summary>
internal static class EtcdStoreOption
{
    private const string Scheme = "etcd://";
    private const string TlsScheme = "etcds://";

    public static Option<string> Create() => new("--store")
    {
        Description = "The shared etcd cluster: etcd://h1:2379,h2:2379 (etcds:// for TLS).",
        Required = true,
    };

    /// <summary>Turns <c>etcd://h1:2379,h2:2379</c> into <c>http://h1:2379,http://h2:2379</c>; null when it is not an etcd URL.</summary>
    public static string? ToEndpoints(string store)
    {
        var (prefix, scheme) = store.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? (Scheme, "http://")
            : store.StartsWith(TlsScheme, StringComparison.OrdinalIgnoreCase) ? (TlsScheme, "https://")
            : (null, null);
        if (prefix is null) return null;
        var hosts = store[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.Any(h => h.Contains('/'))) return null;
        return string.Join(",", hosts.Select(host => scheme + host));
    }
}
