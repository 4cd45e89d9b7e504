namespace Gatehouse.Acme;

/// <summary>
/// When to renew and when to retry (DESIGN.md §12): at two thirds of the lifetime less a random jitter of up to a
/// twentieth of it, or at a random instant of the CA's ARI window when it offers one (RFC 9773 §4.2); failures
/// back off exponentially from 5 minutes, capped at 6 hours, with ±10 % jitter.
/// </summary>
public static class RenewalSchedule
{
    /// <summary>The first retry's wait.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxRetry = TimeSpan.FromHours(6);

    /// <summary>The instant to renew a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    /// <param name="random">A value in [0, 1) choosing the jitter.</param>
    public static DateTimeOffset RenewAt(DateTimeOffset notBefore, DateTimeOffset notAfter, RenewalWindow? window, double random)
    {
        if (window is not null)
            return window.Start + TimeSpan.FromTicks((long)((window.End - window.Start).Ticks * random));
        var lifetime = notAfter - notBefore;
        return notBefore + lifetime * 2 / 3 - TimeSpan.FromTicks((long)(lifetime.Ticks / 20 * random));
    }

    /// <summary>
    /// The instant to renew a certificate issued at <paramref name="issuedAt"/> (the node's clock): as above, unless that
    /// instant is not after the issuance — a node clock ahead of the CA's, an ARI window already past, a CA that backdates
    /// far — when renewing at once would renew the fresh certificate again and again. Then the same share of the
    /// lifetime is counted from the issuance, and never less than <see cref="FirstRetry"/>.
    /// </summary>
    /// <param name="random">A value in [0, 1) choosing the jitter.</param>
    public static DateTimeOffset RenewAt(DateTimeOffset notBefore, DateTimeOffset notAfter, RenewalWindow? window, double random,
        DateTimeOffset issuedAt)
    {
        var at = RenewAt(notBefore, notAfter, window, random);
        if (at > issuedAt) return at;
        var share = RenewAt(notBefore, notAfter, null, random) - notBefore;
        return issuedAt + (share > FirstRetry ? share : FirstRetry);
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row (1 = the first).</summary>
    public static TimeSpan Backoff(int failures, double random, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Clamp(failures - 1, 0, 16);
        var wait = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << exponent, MaxRetry.Ticks));
        wait = TimeSpan.FromTicks((long)(wait.Ticks * (0.9 + 0.2 * random)));
        // A CA's Retry-After (rate limits) is a floor, not a ceiling.
        return retryAfter is { } floor && floor > wait ? floor : wait;
    }
}
