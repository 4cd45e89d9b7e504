using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Selection changes by itself when a certificate crosses its not_before or not_after (DESIGN.md §3), with no write
/// and so no guard. At each such instant this compares what serves every service host just before and now, and
/// logs a warning and counts it when a host's CA set changed (peer authentication turned on, off or to other CAs) or
/// it lost its last certificate — e.g. after a write forced past <c>peer_auth_downgrade</c>. Writes themselves
/// are not reported: a new snapshot restarts the comparison from its publication.
/// </summary>
internal sealed partial class LiveSelectionWatcher : IDisposable
{
    /// <summary>Timers are re-armed at least daily, so far instants need no long due times.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private GatewaySnapshot? _snapshot;
    private DateTimeOffset _checkedAt;
    private ITimer? _timer;
    private bool _disposed;

    public LiveSelectionWatcher(SnapshotHolder holder, GatewayMetrics metrics, TimeProvider time, ILogger logger)
    {
        _time = time;
        _metrics = metrics;
        _logger = logger;
        holder.Published += OnPublished;
    }

    private void OnPublished(GatewaySnapshot snapshot)
    {
        lock (_gate)
        {
            _snapshot = snapshot;
            _checkedAt = _time.GetUtcNow();
            Arm();
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed || _snapshot is null) return;
            var now = _time.GetUtcNow();
            if (now > _checkedAt) Compare(_snapshot, _checkedAt, now);
            _checkedAt = now;
            Arm();
        }
    }

    /// <summary>
    /// Arms the timer for the next instant after <see cref="_checkedAt"/> at which a served object crosses a validity
    /// bound: one lookup in the model's validity index, O(log N) per snapshot (DESIGN.md §11).
    /// </summary>
    private void Arm()
    {
        _timer?.Dispose();
        _timer = null;
        if (_disposed || _snapshot is null) return;
        if (_snapshot.Config.NextSelectionInstant(_checkedAt) is not { } next) return;
        var due = next - _time.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestWait ? LongestWait : due;
        _timer = _time.CreateTimer(_ => OnTimer(), null, due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Compares the hosts whose selection can have changed between <paramref name="before"/> and <paramref name="now"/>:
    /// only the services on the names of the objects that crossed a validity bound meanwhile, and under a wildcard
    /// host only those objects' exact names (a name with no exact object is the wildcard host's own report).
    /// </summary>
    private void Compare(GatewaySnapshot snapshot, DateTimeOffset before, DateTimeOffset now)
    {
        var config = snapshot.Config;
        var crossed = config.CrossingValidity(before, now).ToList();
        if (crossed.Count == 0) return;
        var names = crossed.SelectMany(m => m.Facts.Snis).Where(n => !n.StartsWith("*.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var service in config.ServicesAffectedBy(crossed.SelectMany(m => m.Facts.Snis)))
        {
            var https = service.Serves(ServiceProtocols.Https);
            foreach (var host in service.Record.Hosts)
            {
                Report(service.Id, host, https, snapshot.Sni.Serving(host, before), snapshot.Sni.Serving(host, now), now);
                if (!host.StartsWith("*.", StringComparison.Ordinal)) continue;
                var suffix = host[1..];
                foreach (var name in names.Where(n => n.EndsWith(suffix, StringComparison.Ordinal) && n.IndexOf('.') == n.Length - suffix.Length))
                    Report(service.Id, name, https, snapshot.Sni.Select(name, before), snapshot.Sni.Select(name, now), now);
            }
        }
    }

    private void Report(string serviceId, string host, bool https, SslObjectModel? old, SslObjectModel? next, DateTimeOffset at)
    {
        if (https && old is not null && next is null)
        {
            _metrics.CountLiveSelectionChange(GatewayMetrics.LiveChangeUncovered);
            LogUncovered(_logger, host, serviceId, old.Id, at);
        }
        else if (old is not null && next is not null && old.Facts.CaSetId != next.Facts.CaSetId)
        {
            _metrics.CountLiveSelectionChange(GatewayMetrics.LiveChangeCaSet);
            LogCaSetChanged(_logger, host, serviceId, old.Id, next.Id, State(old), State(next), at);
        }
    }

    private static string State(SslObjectModel model) => model.Facts.PeerAuthentication ? "required" : "off";

    [LoggerMessage(EventId = 320, Level = LogLevel.Warning,
        Message = "Host {Host} of service {ServiceId}: selection changed by itself at {At:u} from SSL object {OldId} to {NewId}; " +
            "its CA set changed, peer authentication {Before} -> {After}")]
    private static partial void LogCaSetChanged(ILogger logger, string host, string serviceId, string oldId, string newId, string before,
        string after, DateTimeOffset at);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning,
        Message = "Host {Host} of service {ServiceId}: SSL object {OldId} stopped serving at {At:u} and no other covers it; HTTPS handshakes for it fail")]
    private static partial void LogUncovered(ILogger logger, string host, string serviceId, string oldId, DateTimeOffset at);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
