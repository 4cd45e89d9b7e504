using System.Globalization;
using Gatehouse.ControlPlane.Ssl;

namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>
/// How many objects expire in each of the next 13 weeks, with the expired ones in a bar of their own (DESIGN.md §8, §12).
/// Each bar has a key (<c>expired</c>, <c>w1</c> … <c>w13</c>) that the SSL list accepts as <c>?expires=</c>.
/// </summary>
public sealed class ExpiryTimeline
{
    public const int Weeks = 13;
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private ExpiryTimeline(IReadOnlyList<Bar> bars) => Bars = bars;

    public IReadOnlyList<Bar> Bars { get; }

    /// <summary>The tallest bar's count (at least 1, so an empty chart still scales).</summary>
    public int Max => Math.Max(1, Bars.Max(b => b.Count));

    public static ExpiryTimeline For(IEnumerable<DateTimeOffset> notAfters, DateTimeOffset now)
    {
        var counts = new int[Weeks + 1];
        foreach (var notAfter in notAfters)
        {
            if (BucketOf(notAfter, now) is { } bucket) counts[bucket]++;
        }
        return FromCounts(counts, now);
    }

    private static ExpiryTimeline FromCounts(int[] counts, DateTimeOffset now)
    {
        var bars = new List<Bar> { new("expired", "expired", "Expired", counts[0]) };
        for (var week = 1; week <= Weeks; week++)
        {
            var from = now + (week - 1) * Week;
            bars.Add(new Bar($"w{week}", week.ToString(CultureInfo.InvariantCulture),
                $"Expiring {from:yyyy-MM-dd} to {from + Week:yyyy-MM-dd}", counts[week]));
        }
        return new ExpiryTimeline(bars);
    }

    /// <summary>
    /// The timeline from counts: <paramref name="countBefore"/> tells how many objects expire (by their earlier
    /// certificate) before an instant, so each bar costs two lookups in an expiry index, not a pass over the objects.
    /// </summary>
    public static ExpiryTimeline For(Func<DateTimeOffset, int> countBefore, DateTimeOffset now)
    {
        var counts = new int[Weeks + 1];
        var previous = countBefore(now);
        counts[0] = previous;
        for (var week = 1; week <= Weeks; week++)
        {
            var upTo = countBefore(now + week * Week);
            counts[week] = upTo - previous;
            previous = upTo;
        }
        return FromCounts(counts, now);
    }

    /// <summary>The end (exclusive) of the bar <paramref name="key"/>: expiries before it fall in that bar or an earlier one.</summary>
    public static DateTimeOffset EndOf(string key, DateTimeOffset now) =>
        key == "expired" ? now : now + int.Parse(key[1..], CultureInfo.InvariantCulture) * Week;

    /// <summary>The start (inclusive) of the bar <paramref name="key"/>, or null for <c>expired</c> (which has none).</summary>
    public static DateTimeOffset? StartOf(string key, DateTimeOffset now) =>
        key == "expired" ? null : now + (int.Parse(key[1..], CultureInfo.InvariantCulture) - 1) * Week;

    /// <summary>The expiry that counts for an object: with an alt certificate, the earlier of the two (as the badge).</summary>
    public static DateTimeOffset NotAfterOf(SslObjectView view) =>
        view.AltNotAfter is { } alt && alt < view.NotAfter ? alt : view.NotAfter;

    /// <summary>Whether <paramref name="notAfter"/> falls in the bar <paramref name="key"/>; an unknown key matches nothing.</summary>
    public static bool Matches(string key, DateTimeOffset notAfter, DateTimeOffset now) =>
        BucketOf(notAfter, now) is { } bucket && (bucket == 0 ? "expired" : $"w{bucket}") == key;

    /// <summary>Whether <paramref name="key"/> names a bar.</summary>
    public static bool IsKey(string? key) => key == "expired"
        || (key is ['w', .. var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var week) && week is >= 1 and <= Weeks
            && n == week.ToString(CultureInfo.InvariantCulture));

    /// <summary>0 for expired, 1–13 for the week it ends in, null beyond 13 weeks.</summary>
    private static int? BucketOf(DateTimeOffset notAfter, DateTimeOffset now)
    {
        if (notAfter < now) return 0;
        var week = (int)((notAfter - now).Ticks / Week.Ticks) + 1;
        return week <= Weeks ? week : null;
    }

    /// <summary>One bar: its <c>?expires=</c> key, its axis label, its description, and how many objects it holds.</summary>
    public sealed record Bar(string Key, string Label, string Description, int Count);
}
