using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Gatehouse.Gateway.Configuration;
using Gatehouse.Gateway.Tls;

namespace Gatehouse.Gateway;

/// <summary>
/// The data plane's metrics (DESIGN.md §9, meter <see cref="MeterName"/>): handshakes by result, requests by service and
/// status class, live selection changes, the served revision, bad store items, access-log lines dropped. A handshake or
/// a request costs one <see cref="Interlocked.Increment(ref long)"/> on a count kept here; observable instruments hand
/// the counts, with tag arrays built once per series, to the exporter at scrape time.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Gatehouse.Gateway";

    /// <summary>The service label of requests no service answered (binding errors, no route).</summary>
    public const string NoService = "none";

    /// <summary>The <c>change</c> label of a host whose CA set changed with no write.</summary>
    public const string LiveChangeCaSet = "ca_set";

    /// <summary>The <c>change</c> label of an HTTPS host left with no certificate with no write.</summary>
    public const string LiveChangeUncovered = "uncovered";

    private static readonly string[] StatusClasses = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx", "other"];

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, SeriesCount[]> _requests = new(StringComparer.Ordinal);
    private readonly SeriesCount _selected = new(Tag("result", "selected"));
    private readonly SeriesCount _noMatch = new(Tag("result", "no_match"));
    private readonly SeriesCount _acmeChallenges = new(Tag("result", "acme_challenge"));
    private readonly SeriesCount _liveCaSetChanges = new(Tag("change", LiveChangeCaSet));
    private readonly SeriesCount _liveUncovered = new(Tag("change", LiveChangeUncovered));

    public GatewayMetrics(SnapshotHolder holder, Func<long>? accessLogDropped = null)
    {
        _meter.CreateObservableCounter("gatehouse_tls_handshakes", () => Observe(_selected, _noMatch, _acmeChallenges),
            description: "TLS handshakes by certificate selection result.");
        _meter.CreateObservableCounter("gatehouse_requests", ObserveRequests,
            description: "Requests answered by the gateway, by service id and status class.");
        _meter.CreateObservableCounter("gatehouse_live_selection_changes", () => Observe(_liveCaSetChanges, _liveUncovered),
            description: "Service hosts whose CA set changed, or that lost their last certificate, when a certificate crossed its not_before or not_after.");
        _meter.CreateObservableGauge("gatehouse_gateway_config_revision", () => holder.Current.Revision,
            description: "Store revision of the snapshot the gateway serves.");
        _meter.CreateObservableGauge("gatehouse_gateway_bad_store_items", () => holder.Current.BadKeys.Count,
            description: "Store items the gateway could not load (last good revision kept).");
        _meter.CreateObservableCounter("gatehouse_access_log_dropped", () => accessLogDropped?.Invoke() ?? 0,
            description: "Access-log lines dropped because the destination could not keep up or failed.");
    }

    /// <summary>Counts one answered request under its service id (or <see cref="NoService"/>) and status class (2xx…).</summary>
    public void CountRequest(string? serviceId, int status)
    {
        var series = _requests.GetOrAdd(serviceId ?? NoService, static service =>
            [.. StatusClasses.Select(statusClass => new SeriesCount(Tag("service", service), Tag("class", statusClass)))]);
        series[status is >= 100 and <= 599 ? status / 100 : StatusClasses.Length - 1].Increment();
    }

    /// <summary>Counts a selection change that happened by itself (a certificate crossed a validity bound).</summary>
    public void CountLiveSelectionChange(string change) => (change == LiveChangeCaSet ? _liveCaSetChanges : _liveUncovered).Increment();

    public void CountHandshake(HandshakeResult result) => (result switch
    {
        HandshakeResult.Selected => _selected,
        HandshakeResult.AcmeChallenge => _acmeChallenges,
        _ => _noMatch,
    }).Increment();

    private static IEnumerable<Measurement<long>> Observe(params SeriesCount[] series) => series.Select(s => s.Measure());

    // Only the status classes a service has answered with are series (as before): a counter that never moved is not one.
    private IEnumerable<Measurement<long>> ObserveRequests() =>
        _requests.Values.SelectMany(classes => classes).Where(s => s.Value > 0).Select(s => s.Measure());

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    public void Dispose() => _meter.Dispose();

    /// <summary>One series' count and its tags, built once.</summary>
    private sealed class SeriesCount(params KeyValuePair<string, object?>[] tags)
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);

        public Measurement<long> Measure() => new(Value, tags);
    }
}
