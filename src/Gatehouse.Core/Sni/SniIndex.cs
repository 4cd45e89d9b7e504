using System.Collections.Frozen;
using Gatehouse.Core.Names;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Sni;

/// <summary>
/// Selects the server SSL object for an SNI (DESIGN.md §3): exact, else wildcard one label deep, else fail;
/// no SNI → the fallback. Immutable: build a new index for a new set of objects. A lookup costs two
/// dictionary probes, whatever the number of objects; validity is judged at lookup time, so the choice
/// changes by itself when a certificate crosses <c>not_before</c> or <c>not_after</c>.
/// </summary>
public sealed class SniIndex
{
    // Each list is pre-sorted by the time-independent tie-breaks: not_after desc, revision desc, id asc.
    private readonly FrozenDictionary<string, SslObjectModel[]> _exact;
    private readonly FrozenDictionary<string, SslObjectModel[]> _wildcardByParent;
    private readonly SslObjectModel? _fallback;
    private readonly FrozenDictionary<string, string[]> _exactNamesByParent;
    private readonly IReadOnlySet<string> _revoked;

    private SniIndex(FrozenDictionary<string, SslObjectModel[]> exact,
        FrozenDictionary<string, SslObjectModel[]> wildcardByParent, SslObjectModel? fallback, IReadOnlySet<string> revoked)
    {
        _revoked = revoked;
        _exact = exact;
        _wildcardByParent = wildcardByParent;
        _fallback = fallback;
        _exactNamesByParent = exact.Keys
            .Where(name => name.IndexOf('.') > 0)
            .GroupBy(name => name[(name.IndexOf('.') + 1)..], StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The exact names one label below <paramref name="parent"/> that some object holds: under a wildcard service
    /// host <c>*.parent</c>, these names are served by their exact object, not by the wildcard one.
    /// </summary>
    public IReadOnlyList<string> ExactNamesUnder(string parent) => _exactNamesByParent.GetValueOrDefault(parent) ?? [];

    public static SniIndex Empty { get; } = Build([]);

    /// <param name="revoked">Ids of objects whose current certificate is revoked (OCSP, DESIGN.md §12): any other candidate valid now beats them.</param>
    public static SniIndex Build(IEnumerable<SslObjectModel> objects, IReadOnlySet<string>? revoked = null)
    {
        var exact = new Dictionary<string, List<SslObjectModel>>(StringComparer.Ordinal);
        var wildcard = new Dictionary<string, List<SslObjectModel>>(StringComparer.Ordinal);
        SslObjectModel? fallback = null;
        foreach (var model in objects.Where(o => o.Type == SslObjectType.Server))
        {
            if (model.IsFallback) fallback = model;
            foreach (var sni in model.Facts.Snis)
            {
                var (map, key) = sni.StartsWith("*.", StringComparison.Ordinal) ? (wildcard, sni[2..]) : (exact, sni);
                if (!map.TryGetValue(key, out var list)) map[key] = list = [];
                list.Add(model);
            }
        }
        return new SniIndex(Freeze(exact), Freeze(wildcard), fallback, revoked ?? new HashSet<string>());
    }

    /// <summary>The object for a ClientHello's server name as .NET hands it over (U-label, any case; "" = none).</summary>
    public SslObjectModel? Select(string? serverName, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(serverName)) return _fallback;
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
            return _fallback is null
                ? new SniDecision(raw, null, null, [], "no_match")
                : new SniDecision(raw, null, _fallback, [new(_fallback, "", SniStep.Fallback, _fallback.Facts.IsValidAt(now), IsRevoked(_fallback))], "fallback");
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
            return _wildcardByParent.GetValueOrDefault(hostOrPattern[2..]) ?? [];
        if (_exact.TryGetValue(hostOrPattern, out var exact)) return exact;
        var dot = hostOrPattern.IndexOf('.');
        return dot > 0 ? _wildcardByParent.GetValueOrDefault(hostOrPattern[(dot + 1)..]) ?? [] : [];
    }

    /// <summary>The object serving a normalised host (as a handshake selects), or a service's <c>*.p</c> pattern (as <see cref="Cover"/>), at <paramref name="now"/>.</summary>
    public SslObjectModel? Serving(string hostOrPattern, DateTimeOffset now) =>
        hostOrPattern.StartsWith("*.", StringComparison.Ordinal)
            ? _wildcardByParent.TryGetValue(hostOrPattern[2..], out var wildcard) ? Best(wildcard, now) : null
            : Select(hostOrPattern, now);

    private bool IsRevoked(SslObjectModel model) => _revoked.Count > 0 && _revoked.Contains(model.Id);

    /// <summary>Valid now and not revoked, else valid now, else the first by the time-independent order.</summary>
    private SslObjectModel Best(SslObjectModel[] sorted, DateTimeOffset now)
    {
        SslObjectModel? validButRevoked = null;
        foreach (var model in sorted)
        {
            if (!model.Facts.IsValidAt(now)) continue;
            if (!IsRevoked(model)) return model;
            validButRevoked ??= model;
        }
        return validButRevoked ?? sorted[0];
    }

    private List<SniCandidate> Ordered(SslObjectModel[]? sorted, string matched, SniStep step, DateTimeOffset now) =>
        sorted is null
            ? []
            : [.. sorted.Select(m => new SniCandidate(m, matched, step, m.Facts.IsValidAt(now), IsRevoked(m)))
                .OrderBy(c => c.ValidNow ? 0 : 1).ThenBy(c => c.ValidNow && c.Revoked ? 1 : 0)];

    private static string DecidedBy(List<SniCandidate> ordered)
    {
        if (ordered.Count == 1) return ordered[0].Step == SniStep.Exact ? "exact" : "wildcard";
        var (winner, runnerUp) = (ordered[0], ordered[1]);
        if (winner.ValidNow != runnerUp.ValidNow) return "validity";
        if (winner.ValidNow && winner.Revoked != runnerUp.Revoked) return "revocation";
        if (winner.Object.Facts.NotAfter != runnerUp.Object.Facts.NotAfter) return "not_after";
        if (winner.Object.Revision != runnerUp.Object.Revision) return "revision";
        return "id";
    }

    private static FrozenDictionary<string, SslObjectModel[]> Freeze(Dictionary<string, List<SslObjectModel>> map) =>
        map.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.Distinct()
                .OrderByDescending(m => m.Facts.NotAfter)
                .ThenByDescending(m => m.Revision)
                .ThenBy(m => m.Id, StringComparer.Ordinal)
                .ToArray(),
            StringComparer.Ordinal);
}
