using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;

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
                var caChanged = old.PeerAuthentication && next.PeerAuthentication && old.CaSetId != next.CaSetId;
                if (old.PeerAuthentication != next.PeerAuthentication || caChanged)
                    peerAuth.Add(new PeerAuthChange(service.Id, old.Host, old.PeerAuthentication, next.PeerAuthentication, caChanged));
            }
        }
        return new ConfigImpact(gaining, losing, peerAuth);
    }
}
