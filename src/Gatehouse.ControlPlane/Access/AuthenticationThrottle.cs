using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Gatehouse.ControlPlane.Access;

/// <summary>
/// Limits failed authentications per client address, shared by the API and the console's sign-in (DESIGN.md §14):
/// a burst of <see cref="Burst"/> failures, then one more every <see cref="Refill"/>. While an address is over its limit,
/// every credential it presents is refused with 429 before it is checked, so the limit cannot be used as an oracle;
/// other addresses, and requests that present no credential, are not affected, and nothing is ever delayed.
/// IPv6 addresses are counted per /64 (one host usually holds a whole /64).
/// </summary>
public sealed class AuthenticationThrottle : IDisposable
{
    public const int Burst = 10;
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(6);

    private readonly PartitionedRateLimiter<IPAddress> _limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = Refill,
            AutoReplenishment = true,
            QueueLimit = 0,
        }));

    /// <summary>True (with how long to wait) when <paramref name="address"/> has used up its failures.</summary>
    public bool IsBlocked(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var key = Key(address);
        // The bucket refills continuously, so "blocked" means less than one whole failure left, not an empty bucket.
        if (_limiter.GetStatistics(key) is not { CurrentAvailablePermits: < 1 }) return false;
        using var lease = _limiter.AttemptAcquire(key, 1);
        if (lease.IsAcquired) return false;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Refill;
        return true;
    }

    /// <summary>Counts one failed authentication from <paramref name="address"/>.</summary>
    public void RecordFailure(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(Key(address), 1);
    }

    /// <summary>The whole seconds a client should wait, for <c>Retry-After</c> (at least 1).</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();

    private static IPAddress Key(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
