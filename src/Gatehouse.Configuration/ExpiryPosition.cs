using System.Globalization;
using Gatehouse.Core.Ids;

namespace Gatehouse.Configuration;

/// <summary>
/// A place in the soonest-expiry-first order of SSL objects (<see cref="ConfigModel.SslsBySoonestExpiry"/>): an object's
/// earlier <c>not_after</c> (primary or alt) and its id, which breaks ties. A page starts after the position of the
/// previous page's last object, so an object changed or deleted between pages does not lose the place. As text
/// (a cursor in a URL) it is <c>TICKS-ID</c>, the UTC ticks in decimal.
/// </summary>
public readonly record struct ExpiryPosition(long Ticks, string Id) : IComparable<ExpiryPosition>
{
    /// <summary>The position just before every object whose expiry is at or after <paramref name="when"/>.</summary>
    public static ExpiryPosition Before(DateTimeOffset when) => new(when.UtcTicks, "");

    /// <summary>The position of an object that expires at <paramref name="notAfter"/>.</summary>
    public static ExpiryPosition Of(DateTimeOffset notAfter, string id) => new(notAfter.UtcTicks, id);

    /// <summary>The expiry instant of this position.</summary>
    public DateTimeOffset NotAfter => new(Ticks, TimeSpan.Zero);

    /// <summary>Reads the text form <c>TICKS-ID</c>; false for anything else (nothing of the text is echoed by callers).</summary>
    public static bool TryParse(string? text, out ExpiryPosition position)
    {
        position = default;
        var dash = text?.IndexOf('-') ?? -1;
        if (dash is < 1 or > 19) return false;
        if (!long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        var id = text![(dash + 1)..];
        if (!ObjectIds.IsWellFormed(id)) return false;
        position = new(ticks, id);
        return true;
    }

    /// <summary>The text form <c>TICKS-ID</c>, read back by <see cref="TryParse"/>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ticks}-{Id}");

    /// <summary>Orders by time, then by id (ordinal), as the expiry index does.</summary>
    public int CompareTo(ExpiryPosition other)
    {
        var byTime = Ticks.CompareTo(other.Ticks);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }
}
