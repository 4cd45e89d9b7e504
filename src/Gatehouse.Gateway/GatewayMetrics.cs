using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;
using Gatehouse.Hosting.Metrics;

namespace Gatehouse.Gateway;

/// <summary>
/// The data plane's counters (DESIGN.md §9): handshakes by result, requests by service and status class, the
/// served revision, bad store items, access-log lines dropped.
/// </summary>
public sealed class GatewayMetrics(SnapshotHolder holder, Func<long>? accessLogDropped = null) : IMetricsSource
{
    /// <summary>The service label of requests no service answered (binding errors, no route).</summary>
    public const string NoService = "none";

    private readonly ConcurrentDictionary<(string Service, string Class), StrongBox<long>> _requests = new();
    private long _selected, _noMatch, _acmeChallenges, _liveCaSetChanges, _liveUncovered;

    /// <summary>The <c>change</c> label of a host whose CA set changed with no write.</summary>
    public const string LiveChangeCaSet = "ca_set";

    /// <summary>The <c>change</c> label of an HTTPS host left with no certificate with no write.</summary>
    public const string LiveChangeUncovered = "uncovered";

    /// <summary>Counts one answered request under its service id (or <see cref="NoService"/>) and status class (2xx…).</summary>
    private static readonly string[] StatusClasses = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

    public void CountRequest(string? serviceId, int status)
    {
        var key = (serviceId ?? NoService, status is >= 100 and <= 599 ? StatusClasses[status / 100] : "other");
        Interlocked.Increment(ref _requests.GetOrAdd(key, static _ => new StrongBox<long>()).Value);
    }

    /// <summary>Counts a selection change that happened by itself (a certificate crossed a validity bound).</summary>
    public void CountLiveSelectionChange(string change)
    {
        if (change == LiveChangeCaSet) Interlocked.Increment(ref _liveCaSetChanges);
        else Interlocked.Increment(ref _liveUncovered);
    }

    public void CountHandshake(HandshakeResult result)
    {
        if (result == HandshakeResult.Selected) Interlocked.Increment(ref _selected);
        else if (result == HandshakeResult.AcmeChallenge) Interlocked.Increment(ref _acmeChallenges);
        else Interlocked.Increment(ref _noMatch);
    }

    public void Write(PrometheusText text)
    {
        var snapshot = holder.Current;
        text.Family("gatehouse_tls_handshakes_total", "counter", "TLS handshakes by certificate selection result.")
            .Sample("gatehouse_tls_handshakes_total", Interlocked.Read(ref _selected), ("result", "selected"))
            .Sample("gatehouse_tls_handshakes_total", Interlocked.Read(ref _noMatch), ("result", "no_match"))
            .Sample("gatehouse_tls_handshakes_total", Interlocked.Read(ref _acmeChallenges), ("result", "acme_challenge"));
        text.Family("gatehouse_requests_total", "counter", "Requests answered by the gateway, by service id and status class.");
        foreach (var ((service, statusClass), count) in _requests.OrderBy(r => r.Key.Service, StringComparer.Ordinal).ThenBy(r => r.Key.Class, StringComparer.Ordinal))
            text.Sample("gatehouse_requests_total", Interlocked.Read(ref count.Value), ("service", service), ("class", statusClass));
        text.Family("gatehouse_live_selection_changes_total", "counter",
                "Service hosts whose CA set changed, or that lost their last certificate, when a certificate crossed its not_before or not_after.")
            .Sample("gatehouse_live_selection_changes_total", Interlocked.Read(ref _liveCaSetChanges), ("change", LiveChangeCaSet))
            .Sample("gatehouse_live_selection_changes_total", Interlocked.Read(ref _liveUncovered), ("change", LiveChangeUncovered));
        text.Family("gatehouse_gateway_config_revision", "gauge", "Store revision of the snapshot the gateway serves.")
            .Sample("gatehouse_gateway_config_revision", snapshot.Revision);
        text.Family("gatehouse_gateway_bad_store_items", "gauge", "Store items the gateway could not load (last good revision kept).")
            .Sample("gatehouse_gateway_bad_store_items", snapshot.BadKeys.Count);
        text.Family("gatehouse_access_log_dropped_total", "counter", "Access-log lines dropped because the destination could not keep up or failed.")
            .Sample("gatehouse_access_log_dropped_total", accessLogDropped?.Invoke() ?? 0);
    }
}
