using Gatehouse.Core.Services;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>The hosts of a set of services, to tell whether an SSL object's names can meet any of them (DESIGN.md §3 rules).</summary>
internal sealed class ServiceHostSet
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exactParents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcardParents = new(StringComparer.Ordinal);

    public ServiceHostSet(IEnumerable<ServiceModel> services)
    {
        foreach (var host in services.SelectMany(s => s.Record.Hosts))
        {
            if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                _wildcardParents.Add(host[2..]);
                continue;
            }
            _exact.Add(host);
            if (Parent(host) is { } parent) _exactParents.Add(parent);
        }
    }

    /// <summary>
    /// True when an object holding <paramref name="snis"/> could serve a service host: <c>a.p</c> serves host <c>a.p</c> and
    /// shadows <c>*.p</c> for that name; <c>*.p</c> serves <c>*.p</c> and every host one label under <c>p</c>.
    /// </summary>
    public bool Touches(IEnumerable<string> snis) => snis.Any(sni => sni.StartsWith("*.", StringComparison.Ordinal)
        ? _wildcardParents.Contains(sni[2..]) || _exactParents.Contains(sni[2..])
        : _exact.Contains(sni) || (Parent(sni) is { } parent && _wildcardParents.Contains(parent)));

    private static string? Parent(string name)
    {
        var dot = name.IndexOf('.');
        return dot > 0 ? name[(dot + 1)..] : null;
    }
}
