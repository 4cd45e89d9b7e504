using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gatehouse.Hosting.Metrics;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Lifecycle instruments (System.Diagnostics.Metrics, meter <c>Gatehouse.Lifecycle</c>): events recorded by type, delivery
/// attempts by type and result. Also written into the admin listener's Prometheus text.
/// </summary>
public sealed class LifecycleMetrics : IMetricsSource, IDisposable
{
    public const string MeterName = "Gatehouse.Lifecycle";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _events;
    private readonly Counter<long> _deliveries;
    private readonly ConcurrentDictionary<string, long> _eventCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Type, string Result), long> _deliveryCounts = new();

    public LifecycleMetrics()
    {
        _events = _meter.CreateCounter<long>("gatehouse_events_recorded", description: "Lifecycle events recorded, by type.");
        _deliveries = _meter.CreateCounter<long>("gatehouse_event_deliveries", description: "Webhook delivery attempts, by event type and result.");
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

    public void Write(PrometheusText text)
    {
        text.Family("gatehouse_events_recorded_total", "counter", "Lifecycle events this control plane recorded, by type.");
        foreach (var (type, count) in _eventCounts.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Sample("gatehouse_events_recorded_total", count, ("type", type));
        text.Family("gatehouse_event_deliveries_total", "counter", "Webhook delivery attempts this control plane made, by event type and result.");
        foreach (var ((type, result), count) in _deliveryCounts.OrderBy(e => e.Key.Type, StringComparer.Ordinal).ThenBy(e => e.Key.Result, StringComparer.Ordinal))
            text.Sample("gatehouse_event_deliveries_total", count, ("type", type), ("result", result));
    }

    public void Dispose() => _meter.Dispose();
}
