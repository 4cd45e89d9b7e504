using System.CommandLine;
using Gatehouse.Storage.Etcd;

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

    /// <summary>
    /// Runs a role against the store named by <paramref name="store"/>: a bad <c>--store</c> is a usage error (2);
    /// a store, secret or file the role cannot reach is a start-up failure (1), reported without a stack trace.
    /// <paramref name="prepare"/> (loading the shared secrets) runs before the store is contacted.
    /// </summary>
    public static async Task<int> RunAsync<T>(string command, ParseResult parse, Option<string> store,
        Func<T> prepare, Func<T, EtcdConfigStore, Task<int>> run, CancellationToken cancellationToken)
    {
        if (ToEndpoints(parse.GetValue(store)!) is not { } endpoints)
            return StartupFailure.Report(command, "--store must be an etcd cluster such as etcd://h1:2379,h2:2379.");
        try
        {
            var prepared = prepare();
            await using var etcd = await EtcdConfigStore.ConnectAsync(endpoints, cancellationToken: cancellationToken);
            return await run(prepared, etcd);
        }
        catch (ArgumentException e)
        {
            return StartupFailure.Report(command, "--store: " + e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM while connecting or loading, before the role's own start handles it: a clean stop.
            return 0;
        }
        catch (Exception e) when (StartupFailure.IsExpected(e))
        {
            return StartupFailure.Report(command, e.Message, exitCode: 1);
        }
    }
}
