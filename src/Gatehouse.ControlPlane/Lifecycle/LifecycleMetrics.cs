using Gatehouse.Configuration;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gatehouse.Hosting.Metrics;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Lifecycle instruments (System.Diagnostics.Metrics, meter <c>Gatehouse.Lifecycle</c>): events recorded by type, delivery
/// attempts by type and result. Also written into the admin listener's Prometheus text.
/// </summary>
internal sealed class LifecycleMetrics : IMetricsSource, IDisposable
{
    public const string MeterName = "Gatehouse.Lifecycle";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _events;
    private readonly Counter<long> _deliveries;
    private readonly ConcurrentDictionary<string, long> _eventCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Type, string Result), long> _deliveryCounts = new();
    private readonly ConcurrentDictionary<string, long> _ocspCounts = new(StringComparer.Ordinal);
    private readonly Counter<long> _ocspFetches;
    private volatile OcspSummary _ocsp = new([], 0);

    public LifecycleMetrics()
    {
        _events = _meter.CreateCounter<long>("gatehouse_events_recorded", description: "Lifecycle events recorded, by type.");
        _deliveries = _meter.CreateCounter<long>("gatehouse_event_deliveries", description: "Webhook delivery attempts, by event type and result.");
        _ocspFetches = _meter.CreateCounter<long>("gatehouse_ocsp_fetches", description: "OCSP fetches, by result (good, revoked, unknown, error).");
        _meter.CreateObservableGauge("gatehouse_ssl_revoked", () => (long)_ocsp.Revoked, description: "Objects whose current certificate a responder said is revoked.");
        _meter.CreateObservableGauge("gatehouse_ocsp_staple_age_seconds", () => OldestStapleAge(DateTimeOffset.UtcNow),
            unit: "s", description: "Age (since thisUpdate) of the oldest stapled OCSP response.");
    }

    public void EventRecorded(string type)
    {
        _events.Add(1, new KeyValuePair<string, object?>("type", type));
        _eventCounts.AddOrUpdate(type, 1, (_, n) => n + 1);
    }

    /// <param name="result"><c>delivered</c>, <c>retry</c> or <c>failed</c>.</param>
    public void DeliveryAttempted(string type, string result)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("result", result));
        _deliveryCounts.AddOrUpdate((type, result), 1, (_, n) => n + 1);
    }

    /// <param name="result"><c>good</c>, <c>revoked</c>, <c>unknown</c> or <c>error</c>.</param>
    public void OcspFetched(string result)
    {
        _ocspFetches.Add(1, new KeyValuePair<string, object?>("result", result));
        _ocspCounts.AddOrUpdate(result, 1, (_, n) => n + 1);
    }

    /// <summary>Takes the OCSP picture of the last scan: when each stapled response was issued, and how many objects are revoked.</summary>
    public void ObserveOcsp(Gatehouse.Configuration.ConfigModel state)
    {
        var now = DateTimeOffset.UtcNow;
        var stapled = state.Ssls.Values.Select(state.OcspOf)
            .Where(r => r?.ThisUpdate is not null && r.StapleFor(r.FingerprintSha256, now) is not null)
            .Select(r => r!.ThisUpdate!.Value).ToList();
        _ocsp = new OcspSummary(stapled, state.RevokedIds.Count);
    }

    private double OldestStapleAge(DateTimeOffset now) =>
        _ocsp.StapledThisUpdates.Count == 0 ? 0 : (now - _ocsp.StapledThisUpdates.Min()).TotalSeconds;

    public void Write(PrometheusText text)
    {
        text.Family("gatehouse_events_recorded_total", "counter", "Lifecycle events this control plane recorded, by type.");
        foreach (var (type, count) in _eventCounts.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Sample("gatehouse_events_recorded_total", count, ("type", type));
        text.Family("gatehouse_event_deliveries_total", "counter", "Webhook delivery attempts this control plane made, by event type and result.");
        foreach (var ((type, result), count) in _deliveryCounts.OrderBy(e => e.Key.Type, StringComparer.Ordinal).ThenBy(e => e.Key.Result, StringComparer.Ordinal))
            text.Sample("gatehouse_event_deliveries_total", count, ("type", type), ("result", result));
        text.Family("gatehouse_ocsp_fetches_total", "counter", "OCSP fetches this control plane made, by result (good, revoked, unknown, error).");
        foreach (var (result, count) in _ocspCounts.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Sample("gatehouse_ocsp_fetches_total", count, ("result", result));
        text.Family("gatehouse_ocsp_staple_age_seconds", "gauge", "Age (since thisUpdate) of the oldest stapled OCSP response; 0 when none is stapled.");
        text.Sample("gatehouse_ocsp_staple_age_seconds", OldestStapleAge(DateTimeOffset.UtcNow));
        text.Family("gatehouse_ssl_revoked", "gauge", "Objects whose current certificate an OCSP responder said is revoked.");
        text.Sample("gatehouse_ssl_revoked", _ocsp.Revoked);
    }

    private sealed record OcspSummary(IReadOnlyList<DateTimeOffset> StapledThisUpdates, int Revoked);

    public void Dispose() => _meter.Dispose();
}
