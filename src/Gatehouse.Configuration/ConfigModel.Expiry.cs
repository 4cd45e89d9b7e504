using Gatehouse.Core.Ssl;

namespace Gatehouse.Configuration;

/// <summary>Reads in expiry order, from the expiry index (DESIGN.md §11: every list people see is paged, sortable by expiry).</summary>
public sealed partial class ConfigModel
{
    /// <summary>
    /// SSL objects (all types, or one) soonest expiry first — by the earlier <c>not_after</c> of the primary and alt
    /// certificate, then by id — after <paramref name="after"/>, each with its position (the next page's cursor).
    /// From the expiry index: O(log N) to find the start, then O(log N) per object read, whatever the number of objects.
    /// </summary>
    public IEnumerable<(ExpiryPosition Position, SslObjectModel Ssl)> SslsBySoonestExpiry(ExpiryPosition? after = null, SslObjectType? type = null)
    {
        var positions = type is { } only
            ? _expiry.SoonestFirst(only, after)
            : MergeByPosition(_expiry.SoonestFirst(SslObjectType.Server, after), _expiry.SoonestFirst(SslObjectType.Client, after));
        return positions.Select(p => (p, Ssls[p.Id]));
    }

    private static IEnumerable<ExpiryPosition> MergeByPosition(IEnumerable<ExpiryPosition> left, IEnumerable<ExpiryPosition> right)
    {
        using var a = left.GetEnumerator();
        using var b = right.GetEnumerator();
        var (hasA, hasB) = (a.MoveNext(), b.MoveNext());
        while (hasA || hasB)
        {
            if (hasA && (!hasB || a.Current.CompareTo(b.Current) <= 0))
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }
}
