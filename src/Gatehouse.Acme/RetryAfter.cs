using System.Net.Http.Headers;

namespace Gatehouse.Acme;

/// <summary>Reads <c>Retry-After</c> (RFC 9110 §10.2.3): delta-seconds or an HTTP date.</summary>
public static class RetryAfter
{
    /// <summary>The wait the header asks for (never negative), or null when there is none.</summary>
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date) return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }
}
