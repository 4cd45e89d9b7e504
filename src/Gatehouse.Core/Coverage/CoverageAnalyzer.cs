using Gatehouse.Core.Services;
using Gatehouse.Core.Sni;

namespace Gatehouse.Core.Coverage;

/// <summary>Computes <c>tls_coverage</c>: for each host of a service, the SSL object that would serve it.</summary>
public static class CoverageAnalyzer
{
    public static IReadOnlyList<HostCoverage> For(ServiceRecord service, SniIndex index, DateTimeOffset now) =>
        [.. service.Hosts.Select(host => ForHost(service, host, index, now))];

    private static HostCoverage ForHost(ServiceRecord service, string host, SniIndex index, DateTimeOffset now)
    {
        var decision = index.Cover(host, now);
        var winner = decision.Winner;
        var https = service.Protocols.Contains(ServiceProtocols.Https);
        var warnings = new List<string>();
        if (winner is null && https)
            warnings.Add("No SSL object covers this host: HTTPS handshakes for it fail until one is added.");
        if (winner is not null && !winner.Facts.IsValidAt(now))
            warnings.Add($"The SSL object serving this host is {winner.Facts.StatusAt(now).Replace('_', ' ')}.");
        if (winner is { Facts.PeerAuthentication: true } && service.Protocols.Contains(ServiceProtocols.Http))
            warnings.Add("This host requires peer authentication: plain HTTP requests to it are refused with 403.");
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            foreach (var name in index.ExactNamesUnder(host[2..]))
            {
                var exact = index.Select(name, now);
                if (exact is not null && exact.Facts.CaSetId != (winner?.Facts.CaSetId ?? ""))
                    warnings.Add($"{name} is served by its own SSL object {exact.Id}, with {(exact.Facts.PeerAuthentication ? "a different CA set" : "no peer authentication")}.");
            }
        }
        return new HostCoverage(host, winner?.Id, winner is null ? "none" : decision.Candidates[0].Step.ToString().ToLowerInvariant(),
            winner?.Facts.PeerAuthentication ?? false, warnings)
        {
            CaSetId = winner?.Facts.CaSetId ?? "",
        };
    }
}
