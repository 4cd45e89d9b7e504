using Gatehouse.Core.Services;

namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// Weighted round robin over a service's targets, lock-free: a shared counter walks the cumulative weights, so
/// over every <c>sum(weights)</c> requests each target gets exactly its weight. Weight 0 drains a target.
/// </summary>
internal sealed class WeightedTargets
{
    private readonly UpstreamTarget[] _targets;
    private readonly long[] _cumulative;
    private readonly long _total;
    private long _counter = -1;

    public WeightedTargets(UpstreamRecord upstream)
    {
        _targets = [.. upstream.Targets.Where(t => t.Weight > 0)
            .Select(t => new UpstreamTarget(t.Host, t.Port, t.Weight, $"{upstream.Scheme}://{Authority(t.Host, t.Port)}"))];
        _cumulative = new long[_targets.Length];
        for (var i = 0; i < _targets.Length; i++)
        {
            _total += _targets[i].Weight;
            _cumulative[i] = _total;
        }
    }

    /// <summary>The next target, or null when every weight is 0 (503 <c>no_target</c>).</summary>
    public UpstreamTarget? Next()
    {
        if (_total == 0) return null;
        var slot = (long)((ulong)Interlocked.Increment(ref _counter) % (ulong)_total);
        var index = Array.BinarySearch(_cumulative, slot + 1);
        return _targets[index >= 0 ? index : ~index];
    }

    private static string Authority(string host, int port) =>
        System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]:{port}"
            : $"{host}:{port}";
}
