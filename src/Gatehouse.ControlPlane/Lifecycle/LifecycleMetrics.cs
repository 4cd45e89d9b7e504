using System.Diagnostics.Metrics;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>
/// Lifecycle instruments (meter <see cref="MeterName"/>): events recorded by type, webhook delivery attempts by type and
/// result, OCSP fetches by result, and the OCSP picture of the last scan (oldest staple's age, revoked objects).
/// </summary>
internal sealed class LifecycleMetrics : IDisposable
{
    public const string MeterName = "Gatehouse.Lifecycle";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _events;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _ocspFetches;
    private volatile OcspSummary _ocsp = new(null, 0);

    public LifecycleMetrics()
    {
        _events = _meter.CreateCounter<long>("gatehouse_events_recorded", description: "Lifecycle events this control plane recorded, by type.");
        _deliveries = _meter.CreateCounter<long>("gatehouse_event_deliveries",
            description: "Webhook delivery attempts this control plane made, by event type and result.");
        _ocspFetches = _meter.CreateCounter<long>("gatehouse_ocsp_fetches",
            description: "OCSP fetches this control plane made, by result (good, revoked, unknown, error).");
        _meter.CreateObservableGauge("gatehouse_ssl_revoked", () => _ocsp.Revoked,
            description: "Objects whose current certificate an OCSP responder said is revoked.");
        _meter.CreateObservableGauge("gatehouse_ocsp_staple_age_seconds", () => OldestStapleAge(DateTimeOffset.UtcNow), unit: "s",
            description: "Age (since thisUpdate) of the oldest stapled OCSP response; 0 when none is stapled.");
    }

    public void EventRecorded(string type) => _events.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <param name="result"><c>delivered</c>, <c>retry</c> or <c>failed</c>.</param>
    public void DeliveryAttempted(string type, string result) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("result", result));

    /// <param name="result"><c>good</c>, <c>revoked</c>, <c>unknown</c> or <c>error</c>.</param>
    public void OcspFetched(string result) => _ocspFetches.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>Takes the OCSP picture of the last scan: when the oldest stapled response was issued, and how many objects are revoked.</summary>
    public void ObserveOcsp(Gatehouse.Configuration.ConfigModel state)
    {
        var now = DateTimeOffset.UtcNow;
        // Only objects with an OCSP record can be stapled: a pass costs what has OCSP, not every object.
        var stapled = state.Ocsp.Keys.Select(id => state.Ssls.GetValueOrDefault(id)).OfType<Gatehouse.Core.Ssl.SslObjectModel>().Select(state.OcspOf)
            .Where(r => r?.ThisUpdate is not null && r.StapleFor(r.FingerprintSha256, now) is not null)
            .Select(r => r!.ThisUpdate!.Value).ToList();
        _ocsp = new OcspSummary(stapled.Count == 0 ? null : stapled.Min(), state.RevokedIds.Count);
    }

    private double OldestStapleAge(DateTimeOffset now) => _ocsp.OldestStapledThisUpdate is { } oldest ? (now - oldest).TotalSeconds : 0;

    /// <param name="OldestStapledThisUpdate">The oldest stapled response's thisUpdate; null when none is stapled.</param>
    private sealed record OcspSummary(DateTimeOffset? OldestStapledThisUpdate, int Revoked);

    public void Dispose() => _meter.Dispose();
}
