using System.Collections.Immutable;
using Gatehouse.Core.Names;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Sni;

/// <summary>
/// Selects the server SSL object for an SNI (DESIGN.md §3): exact, else wildcard one label deep, else fail;
/// no SNI → the fallback. Immutable and incremental: <see cref="With"/> returns a new index that replaces one
/// object's entries (its SNI buckets only) and shares every other bucket with this one, so a change costs
/// O(SANs × log N), not O(N) (DESIGN.md §11). A lookup costs two dictionary probes; validity is judged at lookup
/// time, so the choice changes by itself when a certificate crosses <c>not_before</c> or <c>not_after</c>.
/// </summary>
public sealed class SniIndex
{
    // Each bucket is pre-sorted by the time-independent tie-breaks: not_after desc, revision desc, id asc.
    private readonly ImmutableDictionary<string, ImmutableArray<SslObjectModel>> _exact;
    private readonly ImmutableDictionary<string, ImmutableArray<SslObjectModel>> _wildcardByParent;
    private readonly ImmutableDictionary<string, ImmutableSortedSet<string>> _exactNamesByParent;
    private readonly ImmutableSortedDictionary<string, SslObjectModel> _fallbacks;
    private readonly ImmutableHashSet<string> _revoked;

    private SniIndex(ImmutableDictionary<string, ImmutableArray<SslObjectModel>> exact,
        ImmutableDictionary<string, ImmutableArray<SslObjectModel>> wildcardByParent,
        ImmutableDictionary<string, ImmutableSortedSet<string>> exactNamesByParent,
        ImmutableSortedDictionary<string, SslObjectModel> fallbacks, ImmutableHashSet<string> revoked)
    {
        _revoked = revoked;
        _exact = exact;
        _wildcardByParent = wildcardByParent;
        _exactNamesByParent = exactNamesByParent;
        _fallbacks = fallbacks;
        Fallback = fallbacks.IsEmpty ? null : fallbacks.First().Value;
    }

    public static SniIndex Empty { get; } = new(
        ImmutableDictionary.Create<string, ImmutableArray<SslObjectModel>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableArray<SslObjectModel>>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, SslObjectModel>(StringComparer.Ordinal), ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    /// <summary>Ids of objects whose current certificate a responder said is revoked (OCSP, DESIGN.md §12).</summary>
    public IReadOnlySet<string> Revoked => _revoked;

    /// <summary>The object served to a ClientHello without SNI (at most one; the smallest id if a bad edit made two).</summary>
    public SslObjectModel? Fallback { get; }

    /// <summary>
    /// The exact names one label below <paramref name="parent"/> that some object holds: under a wildcard service
    /// host <c>*.parent</c>, these names are served by their exact object, not by the wildcard one.
    /// </summary>
    public IReadOnlyList<string> ExactNamesUnder(string parent) =>
        _exactNamesByParent.TryGetValue(parent, out var names) ? names : [];

    /// <param name="revoked">Ids of objects whose current certificate is revoked (OCSP, DESIGN.md §12): any other candidate valid now beats them.</param>
    public static SniIndex Build(IEnumerable<SslObjectModel> objects, IReadOnlySet<string>? revoked = null)
    {
        var builder = new Builder(Empty);
        foreach (var model in objects)
        {
            builder.Replace(null, model);
            if (revoked?.Contains(model.Id) == true) builder.SetRevoked(model.Id, true);
        }
        return builder.ToIndex();
    }

    /// <summary>
    /// This index with <paramref name="removed"/>'s entries taken out and <paramref name="added"/>'s put in (either may
    /// be null; client objects are ignored). Only the buckets of their names change.
    /// </summary>
    public SniIndex With(SslObjectModel? removed, SslObjectModel? added)
    {
        var builder = new Builder(this);
        builder.Replace(removed, added);
        return builder.ToIndex();
    }

    /// <summary>The time-independent order of a bucket: not_after desc, revision desc, id asc.</summary>
    private static readonly Comparer<SslObjectModel> BucketOrder = Comparer<SslObjectModel>.Create((a, b) =>
    {
        var byNotAfter = b.Facts.NotAfter.CompareTo(a.Facts.NotAfter);
        if (byNotAfter != 0) return byNotAfter;
        var byRevision = b.Revision.CompareTo(a.Revision);
        return byRevision != 0 ? byRevision : string.CompareOrdinal(a.Id, b.Id);
    });

    /// <summary>Applies many replacements at once (a batch of watch events), sharing one set of builders.</summary>
    public sealed class Builder
    {
        private readonly ImmutableDictionary<string, ImmutableArray<SslObjectModel>>.Builder _exact;
        private readonly ImmutableDictionary<string, ImmutableArray<SslObjectModel>>.Builder _wildcard;
        private readonly ImmutableDictionary<string, ImmutableSortedSet<string>>.Builder _names;
        // The parents whose exact names this batch changed, as builders: a load adds 100 000 names under one parent,
        // and an immutable add per name would copy that set's path each time. Frozen into _names by ToIndex.
        private readonly Dictionary<string, ImmutableSortedSet<string>.Builder> _changedNames = new(StringComparer.Ordinal);
        private readonly ImmutableSortedDictionary<string, SslObjectModel>.Builder _fallbacks;
        private readonly ImmutableHashSet<string>.Builder _revoked;

        public Builder(SniIndex from)
        {
            _revoked = from._revoked.ToBuilder();
            _exact = from._exact.ToBuilder();
            _wildcard = from._wildcardByParent.ToBuilder();
            _names = from._exactNamesByParent.ToBuilder();
            _fallbacks = from._fallbacks.ToBuilder();
        }

        /// <summary>Takes <paramref name="removed"/> out and puts <paramref name="added"/> in (same id or not).</summary>
        public void Replace(SslObjectModel? removed, SslObjectModel? added)
        {
            if (removed is { Type: SslObjectType.Server })
            {
                var snis = removed.Facts.Snis;
                for (var i = 0; i < snis.Count; i++)
                {
                    if (!IsRepeated(snis, i)) Remove(snis[i], removed);
                }
                _fallbacks.Remove(removed.Id);
            }
            if (added is { Type: SslObjectType.Server })
            {
                var snis = added.Facts.Snis;
                for (var i = 0; i < snis.Count; i++)
                {
                    if (!IsRepeated(snis, i)) Add(snis[i], added);
                }
                if (added.IsFallback) _fallbacks[added.Id] = added;
            }
        }

        /// <summary>Marks an object's current certificate as revoked or not (an OCSP answer, or the object changed).</summary>
        public void SetRevoked(string id, bool revoked)
        {
            if (revoked) _revoked.Add(id);
            else _revoked.Remove(id);
        }

        public SniIndex ToIndex()
        {
            foreach (var (parent, names) in _changedNames)
            {
                if (names.Count == 0) _names.Remove(parent);
                else _names[parent] = names.ToImmutable();
            }
            _changedNames.Clear();
            return new(_exact.ToImmutable(), _wildcard.ToImmutable(), _names.ToImmutable(), _fallbacks.ToImmutable(), _revoked.ToImmutable());
        }

        /// <summary>True when <paramref name="snis"/>[<paramref name="index"/>] appeared earlier in the list (a SAN list is short).</summary>
        private static bool IsRepeated(IReadOnlyList<string> snis, int index)
        {
            for (var i = 0; i < index; i++)
            {
                if (string.Equals(snis[i], snis[index], StringComparison.Ordinal)) return true;
            }
            return false;
        }

        private void Add(string sni, SslObjectModel model)
        {
            var (map, key) = Bucket(sni);
            if (!map.TryGetValue(key, out var bucket) || bucket.IsEmpty) map[key] = [model];
            else
            {
                var list = new List<SslObjectModel>(bucket.Length + 1);
                foreach (var other in bucket)
                {
                    if (other.Id != model.Id) list.Add(other);
                }
                list.Add(model);
                list.Sort(BucketOrder);
                map[key] = [.. list];
            }
            if (map == _exact && Parent(sni) is { } parent) NamesUnder(parent).Add(sni);
        }

        private ImmutableSortedSet<string>.Builder NamesUnder(string parent)
        {
            if (!_changedNames.TryGetValue(parent, out var names))
            {
                names = (_names.TryGetValue(parent, out var frozen) ? frozen : ImmutableSortedSet.Create<string>(StringComparer.Ordinal)).ToBuilder();
                _changedNames[parent] = names;
            }
            return names;
        }

        private void Remove(string sni, SslObjectModel model)
        {
            var (map, key) = Bucket(sni);
            if (!map.TryGetValue(key, out var bucket)) return;
            var kept = bucket.RemoveAll(m => m.Id == model.Id);
            if (kept.Length > 0)
            {
                map[key] = kept;
                return;
            }
            map.Remove(key);
            if (map == _exact && Parent(sni) is { } parent) NamesUnder(parent).Remove(sni);
        }

        private (ImmutableDictionary<string, ImmutableArray<SslObjectModel>>.Builder Map, string Key) Bucket(string sni) =>
            sni.StartsWith("*.", StringComparison.Ordinal) ? (_wildcard, sni[2..]) : (_exact, sni);

        private static string? Parent(string name)
        {
            var dot = name.IndexOf('.');
            return dot > 0 ? name[(dot + 1)..] : null;
        }
    }

    /// <summary>The object for a ClientHello's server name as .NET hands it over (U-label, any case; "" = none).</summary>
    public SslObjectModel? Select(string? serverName, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(serverName)) return Fallback;
        var host = HostName.Normalize(serverName);
        if (host is null) return null;
        if (_exact.TryGetValue(host, out var exact)) return Best(exact, now);
        var dot = host.IndexOf('.');
        return dot > 0 && _wildcardByParent.TryGetValue(host[(dot + 1)..], out var wildcard) ? Best(wildcard, now) : null;
    }

    /// <summary>Every object matching <paramref name="serverName"/> in selection order, and why the first one wins.</summary>
    public SniDecision Explain(string? serverName, DateTimeOffset now)
    {
        var raw = serverName ?? "";
        if (raw.Length == 0)
        {
            return Fallback is not { } fallback
                ? new SniDecision(raw, null, null, [], "no_match")
                : new SniDecision(raw, null, fallback, [new(fallback, "", SniStep.Fallback, fallback.Facts.IsValidAt(now), IsRevoked(fallback))], "fallback");
        }
        var host = HostName.Normalize(raw);
        if (host is null) return new SniDecision(raw, null, null, [], "no_match");

        var exact = Ordered(_exact.GetValueOrDefault(host), host, SniStep.Exact, now);
        var dot = host.IndexOf('.');
        var parent = dot > 0 ? host[(dot + 1)..] : null;
        var wildcard = parent is null ? [] : Ordered(_wildcardByParent.GetValueOrDefault(parent), "*." + parent, SniStep.Wildcard, now);
        var winning = exact.Count > 0 ? exact : wildcard;
        var decidedBy = winning.Count == 0 ? "no_match" : DecidedBy(winning);
        return new SniDecision(raw, host, winning.FirstOrDefault()?.Object, [.. exact, .. wildcard], decidedBy);
    }

    /// <summary>
    /// Which object serves a service host: for a wildcard host <c>*.p</c>, only objects holding <c>*.p</c> cover
    /// every name under it; for an exact host, the handshake's own selection.
    /// </summary>
    public SniDecision Cover(string hostOrPattern, DateTimeOffset now)
    {
        if (!hostOrPattern.StartsWith("*.", StringComparison.Ordinal)) return Explain(hostOrPattern, now);
        var parent = hostOrPattern[2..];
        var wildcard = Ordered(_wildcardByParent.GetValueOrDefault(parent), hostOrPattern, SniStep.Wildcard, now);
        return new SniDecision(hostOrPattern, hostOrPattern, wildcard.FirstOrDefault()?.Object, wildcard,
            wildcard.Count == 0 ? "no_match" : DecidedBy(wildcard));
    }

    /// <summary>
    /// The objects among which selection for a normalised host, or a service's <c>*.p</c> pattern, chooses at any
    /// time: the exact ones when there are any, else the wildcard ones (validity only reorders them). Not a copy.
    /// </summary>
    public IReadOnlyList<SslObjectModel> CandidatesOf(string hostOrPattern)
    {
        if (hostOrPattern.StartsWith("*.", StringComparison.Ordinal))
            return _wildcardByParent.TryGetValue(hostOrPattern[2..], out var pattern) ? pattern : [];
        if (_exact.TryGetValue(hostOrPattern, out var exact)) return exact;
        var dot = hostOrPattern.IndexOf('.');
        return dot > 0 && _wildcardByParent.TryGetValue(hostOrPattern[(dot + 1)..], out var wildcard) ? wildcard : [];
    }

    /// <summary>The object serving a normalised host (as a handshake selects), or a service's <c>*.p</c> pattern (as <see cref="Cover"/>), at <paramref name="now"/>.</summary>
    public SslObjectModel? Serving(string hostOrPattern, DateTimeOffset now) =>
        hostOrPattern.StartsWith("*.", StringComparison.Ordinal)
            ? _wildcardByParent.TryGetValue(hostOrPattern[2..], out var wildcard) ? Best(wildcard, now) : null
            : Select(hostOrPattern, now);

    private bool IsRevoked(SslObjectModel model) => _revoked.Count > 0 && _revoked.Contains(model.Id);

    /// <summary>
    /// DESIGN.md §3 rule 4 over the time-independent order: valid now beats not valid, then not revoked beats revoked
    /// (among valid candidates and among the others alike).
    /// </summary>
    private SslObjectModel Best(ImmutableArray<SslObjectModel> sorted, DateTimeOffset now)
    {
        SslObjectModel? validButRevoked = null, invalid = null, invalidAndRevoked = null;
        foreach (var model in sorted)
        {
            var revoked = IsRevoked(model);
            if (model.Facts.IsValidAt(now))
            {
                if (!revoked) return model;
                validButRevoked ??= model;
            }
            else if (!revoked) invalid ??= model;
            else invalidAndRevoked ??= model;
        }
        return validButRevoked ?? invalid ?? invalidAndRevoked!;
    }

    private List<SniCandidate> Ordered(ImmutableArray<SslObjectModel> sorted, string matched, SniStep step, DateTimeOffset now) =>
        sorted.IsDefaultOrEmpty
            ? []
            : [.. sorted.Select(m => new SniCandidate(m, matched, step, m.Facts.IsValidAt(now), IsRevoked(m)))
                .OrderBy(c => c.ValidNow ? 0 : 1).ThenBy(c => c.Revoked ? 1 : 0)];

    private static string DecidedBy(List<SniCandidate> ordered)
    {
        if (ordered.Count == 1) return ordered[0].Step == SniStep.Exact ? "exact" : "wildcard";
        var (winner, runnerUp) = (ordered[0], ordered[1]);
        if (winner.ValidNow != runnerUp.ValidNow) return "validity";
        if (winner.Revoked != runnerUp.Revoked) return "revocation";
        if (winner.Object.Facts.NotAfter != runnerUp.Object.Facts.NotAfter) return "not_after";
        if (winner.Object.Revision != runnerUp.Object.Revision) return "revision";
        return "id";
    }
}
