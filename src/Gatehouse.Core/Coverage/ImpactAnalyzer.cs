using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Coverage;

/// <summary>Compares every service host's coverage under two sets of SSL objects.</summary>
public static class ImpactAnalyzer
{
    public static ConfigImpact Compare(IEnumerable<ServiceModel> services, SniIndex before, SniIndex after, DateTimeOffset now)
    {
        List<HostRef> gaining = [], losing = [];
        List<PeerAuthChange> peerAuth = [];
        foreach (var service in services.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var https = service.Serves(ServiceProtocols.Https);
            var was = CoverageAnalyzer.For(service.Record, before, now);
            var will = CoverageAnalyzer.For(service.Record, after, now);
            for (var i = 0; i < was.Count; i++)
            {
                var (old, next) = (was[i], will[i]);
                var host = new HostRef(service.Id, old.Host);
                if (https && old.SslId is null && next.SslId is not null) gaining.Add(host);
                if (https && old.SslId is not null && next.SslId is null) losing.Add(host);
                AddPeerAuthChange(peerAuth, service.Id, old.Host, old.PeerAuthentication, old.CaSetId, next.PeerAuthentication, next.CaSetId);
                if (old.Host.StartsWith("*.", StringComparison.Ordinal))
                    CompareNamesUnderWildcard(service, old.Host[2..], before, after, now, https, losing, peerAuth);
            }
        }
        return new ConfigImpact(gaining, losing, peerAuth);
    }

    /// <summary>
    /// Under a wildcard host <c>*.p</c>, a name with its own exact object is served by that object, not by the
    /// wildcard one: an exact object without the CA set would open a side door around peer authentication.
    /// Every such name, before or after, is compared by what a handshake for it selects.
    /// </summary>
    private static void CompareNamesUnderWildcard(ServiceModel service, string parent, SniIndex before, SniIndex after,
        DateTimeOffset now, bool https, List<HostRef> losing, List<PeerAuthChange> peerAuth)
    {
        foreach (var name in before.ExactNamesUnder(parent).Union(after.ExactNamesUnder(parent)).Order(StringComparer.Ordinal))
        {
            var (old, next) = (before.Select(name, now), after.Select(name, now));
            if (https && old is not null && next is null) losing.Add(new HostRef(service.Id, name));
            AddPeerAuthChange(peerAuth, service.Id, name, Has(old), old?.Facts.CaSetId ?? "", Has(next), next?.Facts.CaSetId ?? "");
        }

        static bool Has(SslObjectModel? model) => model?.Facts.PeerAuthentication ?? false;
    }

    private static void AddPeerAuthChange(List<PeerAuthChange> changes, string serviceId, string host,
        bool before, string beforeCas, bool after, string afterCas)
    {
        var caChanged = before && after && beforeCas != afterCas;
        if (before != after || caChanged) changes.Add(new PeerAuthChange(serviceId, host, before, after, caChanged));
    }
}
