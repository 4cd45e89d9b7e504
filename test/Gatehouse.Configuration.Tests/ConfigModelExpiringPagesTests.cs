using Gatehouse.Core.Ssl;
using Gatehouse.Storage;
using static Gatehouse.Configuration.Tests.StoredItems;

namespace Gatehouse.Configuration.Tests;

/// <summary>
/// <c>?expiring_within=</c> pages in id order after a cursor: the model orders the few matches or walks the id order when
/// many match (<see cref="ConfigModel.ExpiringBy"/>). Both ways must list exactly the matches, in id order, after the cursor.
/// </summary>
public sealed class ConfigModelExpiringPagesTests
{
    private const int Objects = 100;
    private static readonly StoredItems Items = new();

    // Object i expires in i days: within d days, the d objects 0 .. d-1 match (d² ≥ 64 × 100 walks the id order).
    private static readonly (string Id, DateTimeOffset NotAfter)[] Expiries =
        [.. Enumerable.Range(0, Objects).Select(i => ($"01{(char)('a' + i % 26)}{i:D23}", Now.AddDays(i).AddHours(12)))];

    private static readonly ConfigModel Model = ConfigModel.Load(
        [.. Expiries.Select((e, i) => Items.Ssl(e.Id, ServerCert($"o{i}.test", e.NotAfter), i + 2))], Objects + 1, Items.Codec);

    [Theory]
    [InlineData(5)] // 5 match: ordered
    [InlineData(79)] // 79² < 6 400: ordered
    [InlineData(80)] // 80² = 6 400: walked
    [InlineData(100)] // every object: walked (from day 50 on: 50 match, ordered)
    public void Every_match_after_the_cursor_in_id_order_whichever_way_the_model_takes(int days)
    {
        var when = Now.AddDays(days);
        var expected = Expiries.Where(e => e.NotAfter <= when).Select(e => e.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(days, expected.Count);

        Assert.Equal(expected, Model.ExpiringBy(when).Select(m => m.Id));
        Assert.Equal(expected, Model.ExpiringBy(when, SslObjectType.Server).Select(m => m.Id));
        Assert.Empty(Model.ExpiringBy(when, SslObjectType.Client));
        var cursor = expected[days / 2];
        Assert.Equal(expected.Where(id => string.CompareOrdinal(id, cursor) > 0), Model.ExpiringBy(when, cursor: cursor).Select(m => m.Id));
        // A window's start (a console timeline bar): only what expires after it, counted alone when choosing the way.
        var from = Now.AddDays(days / 2);
        Assert.Equal(Expiries.Where(e => e.NotAfter > from && e.NotAfter <= when).Select(e => e.Id).Order(StringComparer.Ordinal),
            Model.ExpiringBy(when, after: from).Select(m => m.Id));
        // A cursor between ids (not an object's own) continues after it too.
        Assert.Equal(expected.Where(id => string.CompareOrdinal(id, "01m") > 0), Model.ExpiringBy(when, cursor: "01m").Select(m => m.Id));
    }
}
