using Gatehouse.ControlPlane.Lifecycle;

namespace Gatehouse.ControlPlane.Tests.Lifecycle;

/// <summary>When an OCSP response is fetched again (DESIGN.md §12: at half its validity), and how failures back off.</summary>
public sealed class OcspScheduleTests
{
    private static readonly DateTimeOffset ThisUpdate = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleOptions Options = LifecycleOptions.Default with { OcspRefreshCap = TimeSpan.FromDays(1), OcspRetryBase = TimeSpan.FromSeconds(30) };

    [Fact]
    public void A_response_is_refreshed_half_way_through_its_validity()
    {
        var fetched = ThisUpdate.AddMinutes(10);
        Assert.Equal(ThisUpdate.AddHours(6), Options.OcspRefreshAt(ThisUpdate, ThisUpdate.AddHours(12), fetched));
    }

    [Fact]
    public void The_refresh_is_at_most_a_day_and_at_least_ten_seconds_away()
    {
        var fetched = ThisUpdate.AddMinutes(10);
        Assert.Equal(fetched.AddDays(1), Options.OcspRefreshAt(ThisUpdate, ThisUpdate.AddDays(7), fetched));
        Assert.Equal(fetched.AddSeconds(10), Options.OcspRefreshAt(ThisUpdate, ThisUpdate.AddSeconds(4), fetched));
        // Without nextUpdate the responder promises nothing: an hour.
        Assert.Equal(fetched.AddHours(1), Options.OcspRefreshAt(ThisUpdate, null, fetched));
    }

    [Fact]
    public void Failures_back_off_from_the_base_doubling_to_ten_minutes()
    {
        Assert.Equal([30, 60, 120, 240, 480, 600, 600], Enumerable.Range(1, 7).Select(n => (int)Options.OcspBackoff(n).TotalSeconds));
    }
}
