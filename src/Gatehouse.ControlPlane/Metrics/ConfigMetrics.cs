using System.Globalization;
using Gatehouse.Configuration;
using Gatehouse.Core.Ssl;
using Gatehouse.Hosting.Metrics;

namespace Gatehouse.ControlPlane.Metrics;

/// <summary>
/// The configuration metrics of DESIGN.md §9: objects by type and status, days to expiry, revision, bad items. Every
/// value is a count the model keeps as changes arrive, read in O(log N) (DESIGN.md §11), never a pass over the objects.
/// </summary>
internal static class ConfigMetrics
{
    private static readonly double[] DayBuckets = [0, 7, 14, 30, 60, 90, 180, 365];

    public static void Write(PrometheusText text, ConfigModel model, DateTimeOffset now)
    {
        text.Family("gatehouse_config_revision", "gauge", "Store revision of the configuration last read.")
            .Sample("gatehouse_config_revision", model.Revision);
        text.Family("gatehouse_store_bad_items", "gauge", "Stored items that could not be loaded (their last good revision is kept).")
            .Sample("gatehouse_store_bad_items", model.BadItems.Count);

        text.Family("gatehouse_ssl_objects", "gauge", "SSL objects by type and status.");
        foreach (var type in new[] { SslObjectType.Server, SslObjectType.Client })
        {
            var (expired, notYetValid) = (model.CountExpired(type, now), model.CountNotYetValid(type, now));
            text.Sample("gatehouse_ssl_objects", model.CountSsls(type) - expired - notYetValid, ("type", type.ToWire()), ("status", "active"));
            text.Sample("gatehouse_ssl_objects", expired, ("type", type.ToWire()), ("status", "expired"));
            text.Sample("gatehouse_ssl_objects", notYetValid, ("type", type.ToWire()), ("status", "not_yet_valid"));
        }

        var total = model.SslCount;
        text.Family("gatehouse_ssl_days_to_expiry", "histogram", "Days until each SSL object's certificate expires (negative: expired).");
        foreach (var bucket in DayBuckets)
            text.Sample("gatehouse_ssl_days_to_expiry_bucket", model.CountExpiringBy(now + TimeSpan.FromDays(bucket)), ("le", bucket.ToString(CultureInfo.InvariantCulture)));
        text.Sample("gatehouse_ssl_days_to_expiry_bucket", total, ("le", "+Inf"))
            .Sample("gatehouse_ssl_days_to_expiry_sum", Math.Round(model.SumDaysToExpiry(now), 3))
            .Sample("gatehouse_ssl_days_to_expiry_count", total);

        text.Family("gatehouse_ssl_expiring_within_30d", "gauge", "SSL objects whose certificate expires within 30 days (expired included).")
            .Sample("gatehouse_ssl_expiring_within_30d", model.CountExpiringBy(now + TimeSpan.FromDays(30)));
    }
}
