using System.Diagnostics.Metrics;
using System.Globalization;
using Gatehouse.Configuration;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Metrics;

/// <summary>
/// The configuration metrics of DESIGN.md §9 (meter <see cref="MeterName"/>): objects by type and status, objects by
/// days to expiry, revision, bad items. Every value is a count the model keeps as changes arrive, read in O(log N) at
/// scrape time (DESIGN.md §11), never a pass over the objects and never a store read.
/// </summary>
internal sealed class ConfigMetrics : IDisposable
{
    public const string MeterName = "Gatehouse.Configuration";

    /// <summary>The day thresholds of <c>gatehouse_ssl_days_to_expiry</c> (each series counts objects at or below it).</summary>
    private static readonly int[] DayBuckets = [0, 7, 14, 30, 60, 90, 180, 365];

    private static readonly KeyValuePair<string, object?>[][] DayBucketTags =
        [.. DayBuckets.Select(days => new[] { Tag("le", days.ToString(CultureInfo.InvariantCulture)) }), [Tag("le", "+Inf")]];

    private static readonly (SslObjectType Type, KeyValuePair<string, object?>[] Active, KeyValuePair<string, object?>[] Expired,
        KeyValuePair<string, object?>[] NotYetValid)[] ObjectTags =
        [.. new[] { SslObjectType.Server, SslObjectType.Client }.Select(type => (type, StatusTags(type, "active"), StatusTags(type, "expired"),
            StatusTags(type, "not_yet_valid")))];

    private readonly Meter _meter = new(MeterName);
    private readonly ConfigModelHolder _holder;
    private readonly TimeProvider _time;

    public ConfigMetrics(ConfigModelHolder holder, TimeProvider time)
    {
        _holder = holder;
        _time = time;
        _meter.CreateObservableGauge("gatehouse_config_revision", () => _holder.Current.Revision,
            description: "Store revision of the configuration last read.");
        _meter.CreateObservableGauge("gatehouse_store_bad_items", () => _holder.Current.BadItems.Count,
            description: "Stored items that could not be loaded (their last good revision is kept).");
        _meter.CreateObservableGauge("gatehouse_ssl_objects", ObserveObjects, description: "SSL objects by type and status.");
        _meter.CreateObservableGauge("gatehouse_ssl_days_to_expiry", ObserveDaysToExpiry,
            description: "SSL objects whose certificate expires within le days (expired included; le=\"+Inf\": every object).");
        _meter.CreateObservableGauge("gatehouse_ssl_expiring_within_30d",
            () => _holder.Current.CountExpiringBy(_time.GetUtcNow() + TimeSpan.FromDays(30)),
            description: "SSL objects whose certificate expires within 30 days (expired included).");
    }

    private IEnumerable<Measurement<int>> ObserveObjects()
    {
        var (model, now) = (_holder.Current, _time.GetUtcNow());
        foreach (var (type, active, expired, notYetValid) in ObjectTags)
        {
            var (expiredCount, notYetValidCount) = (model.CountExpired(type, now), model.CountNotYetValid(type, now));
            yield return new Measurement<int>(model.CountSsls(type) - expiredCount - notYetValidCount, active);
            yield return new Measurement<int>(expiredCount, expired);
            yield return new Measurement<int>(notYetValidCount, notYetValid);
        }
    }

    private IEnumerable<Measurement<int>> ObserveDaysToExpiry()
    {
        var (model, now) = (_holder.Current, _time.GetUtcNow());
        for (var i = 0; i < DayBuckets.Length; i++)
            yield return new Measurement<int>(model.CountExpiringBy(now + TimeSpan.FromDays(DayBuckets[i])), DayBucketTags[i]);
        yield return new Measurement<int>(model.SslCount, DayBucketTags[^1]);
    }

    private static KeyValuePair<string, object?>[] StatusTags(SslObjectType type, string status) => [Tag("type", type.ToWire()), Tag("status", status)];

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    public void Dispose() => _meter.Dispose();
}
