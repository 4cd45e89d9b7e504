using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Coverage;

/// <summary>
/// Compares every service host's coverage under two sets of SSL objects, now and at every later instant at which
/// selection for that host changes by itself (a candidate's not_before or not_after): an object that wins only
/// tomorrow changes the host tomorrow. Hosts whose candidates the change does not touch are skipped.
/// </summary>
public static class ImpactAnalyzer
{
    public static ConfigImpact Compare(IEnumerable<ServiceModel> services, SniIndex before, SniIndex after, DateTimeOffset now)
    {
        List<HostRef> gaining = [], losing = [];
        List<PeerAuthChange> peerAuth = [];
        foreach (var service in services.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var https = service.Serves(ServiceProtocols.Https);
            foreach (var host in service.Record.Hosts)
            {
                var (old, next) = (before.Serving(host, now), after.Serving(host, now));
                if (https && old is null && next is not null) gaining.Add(new HostRef(service.Id, host));
                if (https && old is not null && next is null) losing.Add(new HostRef(service.Id, host));
                AddPeerAuthChange(peerAuth, service.Id, host, before, after, now);
                if (host.StartsWith("*.", StringComparison.Ordinal))
                    CompareNamesUnderWildcard(service.Id, host[2..], before, after, now, https, losing, peerAuth);
            }
        }
        return new ConfigImpact(gaining, losing, peerAuth);
    }

    /// <summary>
    /// Under a wildcard host <c>*.p</c>, a name with its own exact object is served by that object, not by the
    /// wildcard one: an exact object without the CA set would open a side door around peer authentication.
    /// Every such name, before or after, is compared by what a handshake for it selects.
    /// </summary>
    private static void CompareNamesUnderWildcard(string serviceId, string parent, SniIndex before, SniIndex after,
        DateTimeOffset now, bool https, List<HostRef> losing, List<PeerAuthChange> peerAuth)
    {
        foreach (var name in before.ExactNamesUnder(parent).Union(after.ExactNamesUnder(parent)).Order(StringComparer.Ordinal))
        {
            if (https && before.Select(name, now) is not null && after.Select(name, now) is null) losing.Add(new HostRef(serviceId, name));
            AddPeerAuthChange(peerAuth, serviceId, name, before, after, now);
        }
    }

    /// <summary>
    /// The host's peer-authentication change, now or at the first later instant it happens: the first downgrade if
    /// there is one (what the guard must see), else the first change.
    /// </summary>
    private static void AddPeerAuthChange(List<PeerAuthChange> changes, string serviceId, string host, SniIndex before, SniIndex after,
        DateTimeOffset now)
    {
        var (was, will) = (before.CandidatesOf(host), after.CandidatesOf(host));
        if (SelectionInstants.Same(was, will)) return;
        PeerAuthChange? first = null;
        foreach (var instant in SelectionInstants.From(was, will, now))
        {
            var change = Change(serviceId, host, before.Serving(host, instant), after.Serving(host, instant), instant == now ? null : instant);
            if (change is null) continue;
            first ??= change;
            if (!change.IsDowngrade) continue;
            first = change;
            break;
        }
        if (first is not null) changes.Add(first);
    }

    private static PeerAuthChange? Change(string serviceId, string host, SslObjectModel? old, SslObjectModel? next, DateTimeOffset? at)
    {
        var (before, after) = (old?.Facts.PeerAuthentication ?? false, next?.Facts.PeerAuthentication ?? false);
        var caChanged = before && after && old!.Facts.CaSetId != next!.Facts.CaSetId;
        return before != after || caChanged ? new PeerAuthChange(serviceId, host, before, after, caChanged, at) : null;
    }
}
