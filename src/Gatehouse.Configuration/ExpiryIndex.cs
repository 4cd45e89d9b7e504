using System.Collections.Immutable;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Configuration;

/// <summary>
/// SSL objects ordered by <c>not_after</c> and by <c>not_before</c>, per type, so <c>?expiring_within=</c> lists only what
/// matches and the metrics count expired, not-yet-valid and expiring objects in O(log N), whatever the clock says.
/// Status (expired, not yet valid) follows the primary certificate; expiry windows (and the days-to-expiry gauges) follow the
/// earlier of the primary and the alt certificate (<see cref="SslObjectModel.EarliestNotAfter"/>).
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
    private readonly ImmutableSortedSet<Entry>[] _earliest;

    private ExpiryIndex(ImmutableSortedSet<Entry>[] notAfter, ImmutableSortedSet<Entry>[] notBefore, ImmutableSortedSet<Entry>[] earliest)
    {
        _notAfter = notAfter;
        _notBefore = notBefore;
        _earliest = earliest;
    }

    public static ExpiryIndex Empty { get; } = new(
        [ImmutableSortedSet.Create(Order), ImmutableSortedSet.Create(Order)],
        [ImmutableSortedSet.Create(Order), ImmutableSortedSet.Create(Order)],
        [ImmutableSortedSet.Create(Order), ImmutableSortedSet.Create(Order)]);

    public int Count(SslObjectType type) => _notAfter[(int)type].Count;

    /// <summary>Objects of <paramref name="type"/> whose primary certificate's <c>not_after</c> is at or before <paramref name="when"/>.</summary>
    public int CountNotAfterBy(SslObjectType type, DateTimeOffset when) => Rank(_notAfter[(int)type], when);

    /// <summary>Objects of <paramref name="type"/> with a certificate (primary or alt) whose <c>not_after</c> is at or before <paramref name="when"/>.</summary>
    public int CountExpiringBy(SslObjectType type, DateTimeOffset when) => Rank(_earliest[(int)type], when);

    /// <summary>Objects of <paramref name="type"/> whose <c>not_before</c> is after <paramref name="when"/>.</summary>
    public int CountNotBeforeAfter(SslObjectType type, DateTimeOffset when) => _notBefore[(int)type].Count - Rank(_notBefore[(int)type], when);

    /// <summary>
    /// Ids of the objects with a certificate whose <c>not_after</c> is after <paramref name="after"/> (any, when null) and
    /// at or before <paramref name="when"/>, soonest first: two binary searches, then one step per id.
    /// </summary>
    public IEnumerable<string> ExpiringBetween(SslObjectType type, DateTimeOffset? after, DateTimeOffset when)
    {
        var set = _earliest[(int)type];
        var (start, end) = (after is { } from ? Rank(set, from) : 0, Rank(set, when));
        for (var i = start; i < end; i++) yield return set[i].Id;
    }

    /// <summary>
    /// Positions of the objects of <paramref name="type"/> by their earlier certificate's <c>not_after</c>, then id, after
    /// <paramref name="after"/> (from the first when null): one binary search, then O(log N) per position read.
    /// </summary>
    public IEnumerable<ExpiryPosition> SoonestFirst(SslObjectType type, ExpiryPosition? after)
    {
        var set = _earliest[(int)type];
        var start = 0;
        if (after is { } from)
        {
            var index = set.IndexOf(new Entry(from.Ticks, from.Id));
            start = index >= 0 ? index + 1 : ~index;
        }
        for (var i = start; i < set.Count; i++) yield return new ExpiryPosition(set[i].Ticks, set[i].Id);
    }

    /// <summary>
    /// The first instant after <paramref name="after"/> at which an object of <paramref name="type"/> becomes valid (its
    /// <c>not_before</c>) or expired (<see cref="SelectionInstants.ExpiredFrom"/>), or null: O(log N).
    /// </summary>
    public DateTimeOffset? NextValidityBound(SslObjectType type, DateTimeOffset after)
    {
        var starts = First(_notBefore[(int)type], after);
        var ends = First(_notAfter[(int)type], after - SelectionInstants.ExpiryDelay) + SelectionInstants.ExpiryDelay;
        return starts is null ? ends : ends is null ? starts : starts < ends ? starts : ends;
    }

    /// <summary>Ids of the objects of <paramref name="type"/> that become valid or expired in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IEnumerable<string> CrossingValidity(SslObjectType type, DateTimeOffset from, DateTimeOffset to) =>
        Between(_notBefore[(int)type], from, to)
            .Concat(Between(_notAfter[(int)type], from - SelectionInstants.ExpiryDelay, to - SelectionInstants.ExpiryDelay))
            .Distinct(StringComparer.Ordinal);

    /// <summary>A builder over this index's sets: a batch of changes (a 100 000-object load) mutates them in place, then freezes once.</summary>
    public Builder ToBuilder() => new(this);

    /// <summary>Mutable sets for one batch of changes (<see cref="ToBuilder"/>).</summary>
    public sealed class Builder
    {
        private readonly ImmutableSortedSet<Entry>.Builder[] _notAfter;
        private readonly ImmutableSortedSet<Entry>.Builder[] _notBefore;
        private readonly ImmutableSortedSet<Entry>.Builder[] _earliest;

        internal Builder(ExpiryIndex from)
        {
            _notAfter = [.. from._notAfter.Select(set => set.ToBuilder())];
            _notBefore = [.. from._notBefore.Select(set => set.ToBuilder())];
            _earliest = [.. from._earliest.Select(set => set.ToBuilder())];
        }

        public void Replace(SslObjectModel? removed, SslObjectModel? added)
        {
            if (removed is not null)
            {
                _notAfter[(int)removed.Type].Remove(new(removed.Facts.NotAfter.UtcTicks, removed.Id));
                _notBefore[(int)removed.Type].Remove(new(removed.Facts.NotBefore.UtcTicks, removed.Id));
                _earliest[(int)removed.Type].Remove(new(removed.EarliestNotAfter.UtcTicks, removed.Id));
            }
            if (added is not null)
            {
                _notAfter[(int)added.Type].Add(new(added.Facts.NotAfter.UtcTicks, added.Id));
                _notBefore[(int)added.Type].Add(new(added.Facts.NotBefore.UtcTicks, added.Id));
                _earliest[(int)added.Type].Add(new(added.EarliestNotAfter.UtcTicks, added.Id));
            }
        }

        public ExpiryIndex ToIndex() => new([.. _notAfter.Select(set => set.ToImmutable())], [.. _notBefore.Select(set => set.ToImmutable())],
            [.. _earliest.Select(set => set.ToImmutable())]);
    }

    /// <summary>The earliest time in <paramref name="set"/> after <paramref name="after"/>, or null.</summary>
    private static DateTimeOffset? First(ImmutableSortedSet<Entry> set, DateTimeOffset after)
    {
        var index = Rank(set, after);
        return index < set.Count ? new DateTimeOffset(set[index].Ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Ids of the entries whose time is in (<paramref name="from"/>, <paramref name="to"/>]: two binary searches, then one step per entry.</summary>
    private static IEnumerable<string> Between(ImmutableSortedSet<Entry> set, DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (Rank(set, from), Rank(set, to));
        for (var i = start; i < end; i++) yield return set[i].Id;
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
