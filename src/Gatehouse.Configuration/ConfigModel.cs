using System.Collections.Immutable;
using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Storage;

namespace Gatehouse.Configuration;

/// <summary>
/// The configuration at one store revision, in every role (DESIGN.md §11): SSL objects parsed once per revision,
/// services, the SNI index and the indexes that let reads and writes cost what they touch. Immutable; a change
/// makes a new model that shares everything it did not touch (<see cref="Apply"/>).
/// </summary>
public sealed partial class ConfigModel
{
    private readonly ImmutableSortedSet<string>[] _sslIdsByType;
    private readonly ImmutableSortedSet<string> _serviceIds;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _servicesByHost;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _servicesByParent;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _servicesByClient;
    private readonly ExpiryIndex _expiry;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _sslsByName;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _servicesByName;
    private IReadOnlyList<string>? _badKeys;

    /// <summary>The store revision this model reflects (the last change applied).</summary>
    public long Revision { get; }

    /// <summary>The mod revision of the write fence (0 before the first admin write); admin writes commit on it.</summary>
    public long FenceRevision { get; }

    /// <summary>Every loaded SSL object (server and client), by id.</summary>
    public ImmutableDictionary<string, SslObjectModel> Ssls { get; }

    /// <summary>Every loaded service, by id.</summary>
    public ImmutableDictionary<string, ServiceModel> Services { get; }

    /// <summary>Store keys whose latest value could not be loaded, with that value's revision (the last good one is kept).</summary>
    public ImmutableDictionary<string, long> BadItems { get; }

    /// <summary>The OCSP record of each object that has one, by object id (DESIGN.md §12).</summary>
    public ImmutableDictionary<string, OcspEntry> Ocsp { get; }

    /// <summary>The OCSP record about the object's current certificate, or null.</summary>
    public Core.Revocation.OcspRecord? OcspOf(SslObjectModel model) =>
        Ocsp.GetValueOrDefault(model.Id)?.Record is { } record && record.FingerprintSha256 == model.Facts.FingerprintSha256 ? record : null;

    /// <summary>Ids of objects whose current certificate a responder said is revoked (kept incrementally in the SNI index).</summary>
    public IReadOnlySet<string> RevokedIds => Sni.Revoked;

    /// <summary>Selects server objects by SNI, kept in step with <see cref="Ssls"/>.</summary>
    public SniIndex Sni { get; }

    /// <summary>Store keys whose value could not be loaded, in key order.</summary>
    public IReadOnlyList<string> BadKeys => _badKeys ??= [.. BadItems.Keys.Order(StringComparer.Ordinal)];

    public int SslCount => Ssls.Count;

    /// <summary>The store revision of a key: a loaded item's, or a bad item's raw one (so If-Match can name it); null when absent.</summary>
    public long? RevisionOf(string key)
    {
        if (BadItems.TryGetValue(key, out var bad)) return bad;
        if (key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal) && Ssls.TryGetValue(key[StoreKeys.Ssls.Length..], out var ssl)) return ssl.Revision;
        if (key.StartsWith(StoreKeys.Services, StringComparison.Ordinal) && Services.TryGetValue(key[StoreKeys.Services.Length..], out var service))
            return service.Revision;
        if (key == StoreKeys.WriteFence && FenceRevision > 0) return FenceRevision;
        return null;
    }

    /// <summary>True once this model reflects <paramref name="mutation"/> committed at <paramref name="revision"/> (or a later change of its key).</summary>
    public bool HasApplied(StoreMutation mutation, long revision) => mutation switch
    {
        StoreMutation.Put put => RevisionOf(put.Key) >= revision,
        StoreMutation.Delete delete => RevisionOf(delete.Key) is not { } current || current > revision,
        _ => false,
    };

    /// <summary>SSL objects in id order after <paramref name="cursor"/> (all types, or one): a page costs O(page × log N).</summary>
    public IEnumerable<SslObjectModel> SslsInIdOrder(string? cursor = null, SslObjectType? type = null)
    {
        if (type is { } only) return After(_sslIdsByType[(int)only], cursor).Select(id => Ssls[id]);
        return Merge(After(_sslIdsByType[0], cursor), After(_sslIdsByType[1], cursor)).Select(id => Ssls[id]);
    }

    /// <summary>
    /// SSL objects with a certificate (primary or alt) that expires at or before <paramref name="when"/> (expired ones
    /// included), in id order after <paramref name="cursor"/>. A page costs O(√N log N) at most, however many match:
    /// when few of the N objects match (M &lt; 8√N), the matches are ordered by id (O(M log M)); when many do, the id
    /// order is walked and filtered, about N / M steps a row (at most √N / 8). With <paramref name="after"/>, only
    /// certificates that expire after it count (a console timeline bar), and M counts only those.
    /// </summary>
    public IEnumerable<SslObjectModel> ExpiringBy(DateTimeOffset when, SslObjectType? type = null, string? cursor = null,
        DateTimeOffset? after = null)
    {
        IEnumerable<SslObjectType> types = type is { } only ? [only] : [SslObjectType.Server, SslObjectType.Client];
        long matches = types.Sum(t => _expiry.CountExpiringBy(t, when) - (after is { } from ? _expiry.CountExpiringBy(t, from) : 0));
        long total = types.Sum(_expiry.Count);
        if (matches * matches >= 64 * total)
            return SslsInIdOrder(cursor, type).Where(m => m.EarliestNotAfter <= when && (after is not { } from || m.EarliestNotAfter > from));
        return types.SelectMany(t => _expiry.ExpiringBetween(t, after, when))
            .Where(id => string.IsNullOrEmpty(cursor) || string.CompareOrdinal(id, cursor) > 0)
            .Order(StringComparer.Ordinal).Select(id => Ssls[id]);
    }

    /// <summary>Services in id order after <paramref name="cursor"/>.</summary>
    public IEnumerable<ServiceModel> ServicesInIdOrder(string? cursor = null) => After(_serviceIds, cursor).Select(id => Services[id]);

    /// <summary>Services that list <paramref name="hostOrPattern"/> (a normalised host or <c>*.parent</c>) among their hosts, in id order.</summary>
    public IEnumerable<ServiceModel> ServicesOnHost(string hostOrPattern) =>
        (_servicesByHost.GetValueOrDefault(hostOrPattern) ?? NoIds).Select(id => Services[id]);

    /// <summary>The SSL objects named <paramref name="name"/> (DESIGN.md §13; one, unless older data was written twice), in id order: O(log N).</summary>
    public IReadOnlyList<SslObjectModel> SslsNamed(string name) =>
        _sslsByName.TryGetValue(name, out var ids) ? [.. ids.Select(id => Ssls[id])] : [];

    /// <summary>The services named <paramref name="name"/> (one, unless written before names were unique), in id order: O(log N).</summary>
    public IReadOnlyList<ServiceModel> ServicesNamed(string name) =>
        _servicesByName.TryGetValue(name, out var ids) ? [.. ids.Select(id => Services[id])] : [];

    /// <summary>Services that present the client object <paramref name="sslId"/> to their upstream, in id order.</summary>
    public IEnumerable<ServiceModel> ServicesUsingClient(string sslId) =>
        (_servicesByClient.GetValueOrDefault(sslId) ?? NoIds).Select(id => Services[id]);

    /// <summary>
    /// The services whose coverage can change when an object holding <paramref name="snis"/> changes: for <c>a.p</c>, the
    /// services on <c>a.p</c> and on <c>*.p</c> (an exact object shadows the wildcard one there); for <c>*.p</c>, every
    /// service on a host one label under <c>p</c> or on <c>*.p</c>. In id order; O(SANs × log N).
    /// </summary>
    public IReadOnlyList<ServiceModel> ServicesAffectedBy(IEnumerable<string> snis)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var sni in snis)
        {
            if (sni.StartsWith("*.", StringComparison.Ordinal))
            {
                ids.UnionWith(_servicesByParent.GetValueOrDefault(sni[2..]) ?? NoIds);
                continue;
            }
            ids.UnionWith(_servicesByHost.GetValueOrDefault(sni) ?? NoIds);
            if (ParentOf(sni) is { } parent) ids.UnionWith(_servicesByHost.GetValueOrDefault("*." + parent) ?? NoIds);
        }
        return [.. ids.Select(id => Services[id])];
    }

    /// <summary>
    /// The first instant after <paramref name="after"/> at which a server object's validity starts or ends, so SNI
    /// selection may change with no write (DESIGN.md §3); null when none will. O(log N).
    /// </summary>
    public DateTimeOffset? NextSelectionInstant(DateTimeOffset after) => _expiry.NextValidityBound(SslObjectType.Server, after);

    /// <summary>The server objects whose validity starts or ends in (<paramref name="from"/>, <paramref name="to"/>], in no particular order.</summary>
    public IEnumerable<SslObjectModel> CrossingValidity(DateTimeOffset from, DateTimeOffset to) =>
        _expiry.CrossingValidity(SslObjectType.Server, from, to).Select(id => Ssls[id]);

    /// <summary>Objects of <paramref name="type"/>.</summary>
    public int CountSsls(SslObjectType type) => _expiry.Count(type);

    /// <summary>Objects of <paramref name="type"/> expired at <paramref name="now"/>.</summary>
    public int CountExpired(SslObjectType type, DateTimeOffset now) => _expiry.CountNotAfterBy(type, now - TimeSpan.FromTicks(1));

    /// <summary>Objects of <paramref name="type"/> not yet valid at <paramref name="now"/>.</summary>
    public int CountNotYetValid(SslObjectType type, DateTimeOffset now) => _expiry.CountNotBeforeAfter(type, now);

    /// <summary>Objects (both types) with a certificate (primary or alt) that expires at or before <paramref name="when"/>.</summary>
    public int CountExpiringBy(DateTimeOffset when) =>
        _expiry.CountExpiringBy(SslObjectType.Server, when) + _expiry.CountExpiringBy(SslObjectType.Client, when);

    /// <summary>Ids of <paramref name="ids"/> after <paramref name="cursor"/>, in order: a binary search, then one step per item.</summary>
    private static IEnumerable<string> After(ImmutableSortedSet<string> ids, string? cursor)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            var index = ids.IndexOf(cursor);
            start = index >= 0 ? index + 1 : ~index;
        }
        for (var i = start; i < ids.Count; i++) yield return ids[i];
    }

    private static IEnumerable<string> Merge(IEnumerable<string> left, IEnumerable<string> right)
    {
        using var a = left.GetEnumerator();
        using var b = right.GetEnumerator();
        var (hasA, hasB) = (a.MoveNext(), b.MoveNext());
        while (hasA || hasB)
        {
            if (hasA && (!hasB || string.CompareOrdinal(a.Current, b.Current) <= 0))
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

    internal static string? ParentOf(string name)
    {
        var dot = name.IndexOf('.');
        return dot > 0 ? name[(dot + 1)..] : null;
    }
}
