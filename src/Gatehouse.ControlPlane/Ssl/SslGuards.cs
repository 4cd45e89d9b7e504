using System.Globalization;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Sni;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>
/// The guards on dangerous SSL object writes (DESIGN.md §5): <c>would_uncover</c>, <c>in_use</c>,
/// <c>peer_auth_downgrade</c>. Run inside the fenced write, against the state the commit is conditioned on;
/// each is overridden by <c>?force=true</c>. Every affected host and service is listed.
/// </summary>
public static class SslGuards
{
    /// <summary>
    /// Computes the impact of replacing the SSL objects of <paramref name="state"/> with <paramref name="after"/>
    /// and, unless forced, throws 409 listing every guard that applies.
    /// </summary>
    public static ConfigImpact Check(ConfigState state, IEnumerable<SslObjectModel> after, string? deletedId, bool force, DateTimeOffset now)
    {
        var impact = ImpactAnalyzer.Compare(state.Services.Values, state.Sni, SniIndex.Build(after), now);
        if (force) return impact;
        var errors = new List<ValidationError>();
        foreach (var host in impact.Uncovered)
            errors.Add(new(host.Host, "would_uncover", $"Service {host.ServiceId}: HTTPS host {host.Host} would have no certificate left."));
        foreach (var change in impact.Downgrades)
        {
            // A later change names its instant: the write itself changes nothing today.
            var when = change.EffectiveAt is { } at
                ? $" from {at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, when a certificate's validity starts or ends and selection changes"
                : "";
            errors.Add(new(change.Host, "peer_auth_downgrade", change.After
                ? $"Service {change.ServiceId}: host {change.Host} would require client certificates from a different CA set{when}."
                : $"Service {change.ServiceId}: host {change.Host} would no longer require client certificates (peer authentication){when}."));
        }
        if (deletedId is not null)
        {
            foreach (var service in state.ServicesInIdOrder.Where(s => s.Record.Upstream.ClientSslId == deletedId))
                errors.Add(new("upstream.client_ssl_id", "in_use",
                    $"Service {service.Id} (hosts {string.Join(", ", service.Record.Hosts)}) presents this object to its upstream (client_ssl_id)."));
        }
        if (errors.Count > 0)
        {
            var first = errors[0];
            errors.Insert(0, new(null, first.Code, "This change is guarded; review the listed hosts and services, then repeat it with ?force=true to apply it anyway."));
            throw new ApiError(409, errors);
        }
        return impact;
    }
}
