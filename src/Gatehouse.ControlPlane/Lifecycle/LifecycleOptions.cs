namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>How often the lifecycle monitor looks, and how deliveries are retried.</summary>
/// <param name="Interval">Between two scans of the objects and the pending deliveries.</param>
/// <param name="RetryBase">The first retry's delay; each next one doubles, up to <paramref name="RetryMax"/>.</param>
/// <param name="GiveUpAfter">A delivery still failing this long after its event was recorded is marked failed.</param>
/// <param name="Lease">How long one attempt holds a delivery against other control planes.</param>
internal sealed record LifecycleOptions(TimeSpan Interval, TimeSpan RetryBase, TimeSpan RetryMax, TimeSpan GiveUpAfter, TimeSpan Lease)
{
    public static LifecycleOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5),
        TimeSpan.FromDays(3), TimeSpan.FromSeconds(30));

    /// <summary>
    /// The defaults, with the scan interval and first retry delay shortened by <c>GATEHOUSE_LIFECYCLE_INTERVAL_MS</c> and
    /// <c>GATEHOUSE_NOTIFY_RETRY_MS</c> (for tests; not documented as a product option).
    /// </summary>
    public static LifecycleOptions FromEnvironment() => Default with
    {
        Interval = Millis("GATEHOUSE_LIFECYCLE_INTERVAL_MS") ?? Default.Interval,
        RetryBase = Millis("GATEHOUSE_NOTIFY_RETRY_MS") ?? Default.RetryBase,
    };

    /// <summary>The longest time between two OCSP fetches for one object (shortened by <c>GATEHOUSE_OCSP_REFRESH_MS</c> in tests).</summary>
    public TimeSpan OcspRefreshCap { get; init; } = Millis("GATEHOUSE_OCSP_REFRESH_MS") ?? TimeSpan.FromDays(1);

    /// <summary>The first delay after a failed OCSP fetch; it doubles up to 10 minutes (<c>GATEHOUSE_OCSP_RETRY_MS</c> in tests).</summary>
    public TimeSpan OcspRetryBase { get; init; } = Millis("GATEHOUSE_OCSP_RETRY_MS") ?? TimeSpan.FromSeconds(30);

    /// <summary>
    /// When to fetch again after a good answer: half-way between thisUpdate and nextUpdate (an hour without nextUpdate),
    /// never sooner than 10 s and never later than <see cref="OcspRefreshCap"/> after the fetch.
    /// </summary>
    public DateTimeOffset OcspRefreshAt(DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, DateTimeOffset fetchedAt)
    {
        var half = nextUpdate is { } next ? thisUpdate + (next - thisUpdate) / 2 : fetchedAt + TimeSpan.FromHours(1);
        var earliest = fetchedAt + (OcspRefreshCap < TimeSpan.FromSeconds(10) ? OcspRefreshCap : TimeSpan.FromSeconds(10));
        var latest = fetchedAt + OcspRefreshCap;
        return half < earliest ? earliest : half > latest ? latest : half;
    }

    /// <summary>The delay after the <paramref name="failures"/>-th failed OCSP fetch in a row.</summary>
    public TimeSpan OcspBackoff(int failures)
    {
        var delay = TimeSpan.FromMilliseconds(OcspRetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        return delay < TimeSpan.FromMinutes(10) ? delay : TimeSpan.FromMinutes(10);
    }

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromMilliseconds(RetryBase.TotalMilliseconds * factor);
        return delay < RetryMax ? delay : RetryMax;
    }

    private static TimeSpan? Millis(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;
}
