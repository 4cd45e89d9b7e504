using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Ssl;
using Gatehouse.Hosting.Metrics;

namespace Gatehouse.ControlPlane.Metrics;

/// <summary>The configuration metrics of DESIGN.md §9: objects by type and status, days to expiry, revision, bad items.</summary>
public static class ConfigMetrics
{
    private static readonly double[] DayBuckets = [0, 7, 14, 30, 60, 90, 180, 365];

    public static void Write(PrometheusText text, ConfigState state, DateTimeOffset now)
    {
        var models = state.Ssls.Values.ToList();
        text.Family("gatehouse_config_revision", "gauge", "Store revision of the configuration last read.")
            .Sample("gatehouse_config_revision", state.Revision);
        text.Family("gatehouse_store_bad_items", "gauge", "Stored items that could not be loaded (their last good revision is kept).")
            .Sample("gatehouse_store_bad_items", state.BadKeys.Count);

        text.Family("gatehouse_ssl_objects", "gauge", "SSL objects by type and status.");
        foreach (var type in new[] { SslObjectType.Server, SslObjectType.Client })
        {
            foreach (var status in new[] { "active", "expired", "not_yet_valid" })
            {
                var count = models.Count(m => m.Type == type && m.Facts.StatusAt(now) == status);
                text.Sample("gatehouse_ssl_objects", count, ("type", type.ToWire()), ("status", status));
            }
        }

        var days = models.Select(m => (m.EarliestNotAfter - now).TotalDays).ToList();
        text.Family("gatehouse_ssl_days_to_expiry", "histogram", "Days until each SSL object's certificate expires (negative: expired).");
        foreach (var bucket in DayBuckets)
            text.Sample("gatehouse_ssl_days_to_expiry_bucket", days.Count(d => d <= bucket), ("le", bucket.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        text.Sample("gatehouse_ssl_days_to_expiry_bucket", days.Count, ("le", "+Inf"))
            .Sample("gatehouse_ssl_days_to_expiry_sum", Math.Round(days.Sum(), 3))
            .Sample("gatehouse_ssl_days_to_expiry_count", days.Count);

        text.Family("gatehouse_ssl_expiring_within_30d", "gauge", "SSL objects whose certificate expires within 30 days (expired included).")
            .Sample("gatehouse_ssl_expiring_within_30d", days.Count(d => d <= 30));
    }
}
