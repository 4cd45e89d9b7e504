using System.Globalization;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Coverage;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>
/// The guards of DESIGN.md §5 on SSL object writes, in one place for the API and the console: <c>would_uncover</c>,
/// <c>peer_auth_downgrade</c> and <c>in_use</c>, overridden by <c>?force=true</c>. Every affected host and service is
/// listed. Only the services on the hosts the change touches are examined: O(SANs × log N), not O(N) (DESIGN.md §11).
/// </summary>
public static class SslGuards
{
    /// <summary>
    /// What replacing <paramref name="removed"/> with <paramref name="added"/> (either may be null) would do to the
    /// services' hosts, and every guard it trips (empty when none).
    /// </summary>
    public static (ConfigImpact Impact, IReadOnlyList<ValidationError> Guards) Predict(ConfigModel model,
        SslObjectModel? removed, SslObjectModel? added, DateTimeOffset now)
    {
        var after = model.Sni.With(removed, added);
        var touched = (removed?.Facts.Snis ?? []).Concat(added?.Facts.Snis ?? []);
        var impact = ImpactAnalyzer.Compare(model.ServicesAffectedBy(touched), model.Sni, after, now);
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
        if (removed is not null && added is null)
        {
            foreach (var service in model.ServicesUsingClient(removed.Id))
                errors.Add(new("upstream.client_ssl_id", "in_use",
                    $"Service {service.Id} (hosts {string.Join(", ", service.Record.Hosts)}) presents this object to its upstream (client_ssl_id)."));
        }
        return (impact, errors);
    }

    /// <summary>Computes the impact and, unless forced, throws a <see cref="DomainErrorKind.Guarded"/> refusal listing every guard that applies.</summary>
    public static ConfigImpact Check(ConfigModel model, SslObjectModel? removed, SslObjectModel? added, bool force, DateTimeOffset now)
    {
        var (impact, guards) = Predict(model, removed, added, now);
        if (force || guards.Count == 0) return impact;
        var first = guards[0];
        throw new DomainError(DomainErrorKind.Guarded, [new(null, first.Code, "This change is guarded; review the listed hosts and services, then repeat it with ?force=true to apply it anyway."), .. guards]);
    }
}
