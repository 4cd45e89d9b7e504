using System.Collections.Immutable;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Configuration;

/// <summary>
/// SSL objects ordered by <c>not_after</c> and by <c>not_before</c>, per type, so <c>?expiring_within=</c> lists only what
/// matches and the metrics count expired, not-yet-valid and expiring objects in O(log N), whatever the clock says.
/// </summary>
internal sealed class ExpiryIndex
{
    private static readonly IComparer<Entry> Order = Comparer<Entry>.Create((a, b) =>
    {
        var byTime = a.Ticks.CompareTo(b.Ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    });

    private readonly ImmutableSortedSet<Entry>[] _notAfter;
    private readonly ImmutableSortedSet<Entry>[] _notBefore;

    private ExpiryIndex(ImmutableSortedSet<Entry>[] notAfter, ImmutableSortedSet<Entry>[] notBefore, double notAfterSeconds)
    {
        _notAfter = notAfter;
        _notBefore = notBefore;
        NotAfterSeconds = notAfterSeconds;
    }

    public static ExpiryIndex Empty { get; } = new(
        [ImmutableSortedSet.Create(Order), ImmutableSortedSet.Create(Order)],
        [ImmutableSortedSet.Create(Order), ImmutableSortedSet.Create(Order)], 0);

    /// <summary>The sum of every object's <c>not_after</c> in Unix seconds (the days-to-expiry sum is derived from it).</summary>
    public double NotAfterSeconds { get; }

    public int Count(SslObjectType type) => _notAfter[(int)type].Count;

    /// <summary>Objects of <paramref name="type"/> whose <c>not_after</c> is at or before <paramref name="when"/>.</summary>
    public int CountNotAfterBy(SslObjectType type, DateTimeOffset when) => Rank(_notAfter[(int)type], when);

    /// <summary>Objects of <paramref name="type"/> whose <c>not_before</c> is after <paramref name="when"/>.</summary>
    public int CountNotBeforeAfter(SslObjectType type, DateTimeOffset when) => _notBefore[(int)type].Count - Rank(_notBefore[(int)type], when);

    /// <summary>Ids of the objects whose <c>not_after</c> is at or before <paramref name="when"/>, soonest first.</summary>
    public IEnumerable<string> ExpiringBy(SslObjectType type, DateTimeOffset when) =>
        _notAfter[(int)type].TakeWhile(e => e.Ticks <= when.UtcTicks).Select(e => e.Id);

    public ExpiryIndex With(SslObjectModel? removed, SslObjectModel? added)
    {
        var notAfter = (ImmutableSortedSet<Entry>[])_notAfter.Clone();
        var notBefore = (ImmutableSortedSet<Entry>[])_notBefore.Clone();
        var seconds = NotAfterSeconds;
        if (removed is not null)
        {
            notAfter[(int)removed.Type] = notAfter[(int)removed.Type].Remove(new(removed.Facts.NotAfter.UtcTicks, removed.Id));
            notBefore[(int)removed.Type] = notBefore[(int)removed.Type].Remove(new(removed.Facts.NotBefore.UtcTicks, removed.Id));
            seconds -= removed.Facts.NotAfter.ToUnixTimeSeconds();
        }
        if (added is not null)
        {
            notAfter[(int)added.Type] = notAfter[(int)added.Type].Add(new(added.Facts.NotAfter.UtcTicks, added.Id));
            notBefore[(int)added.Type] = notBefore[(int)added.Type].Add(new(added.Facts.NotBefore.UtcTicks, added.Id));
            seconds += added.Facts.NotAfter.ToUnixTimeSeconds();
        }
        return new ExpiryIndex(notAfter, notBefore, seconds);
    }

    /// <summary>How many entries have a time at or before <paramref name="when"/> (a binary search, O(log N)).</summary>
    private static int Rank(ImmutableSortedSet<Entry> set, DateTimeOffset when)
    {
        // Ids are never empty, so (when + 1 tick, "") sorts after every entry at or before when and is never found.
        var index = set.IndexOf(new Entry(when.UtcTicks + 1, ""));
        return index < 0 ? ~index : index;
    }

    private readonly record struct Entry(long Ticks, string Id);
}
