using Gatehouse.Configuration;
using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// The SSL objects an apply would leave, by id and by name, without building them: the stored ones minus the deleted,
/// overlaid with the document's. An invalid object of the document still answers for its name (its errors are reported
/// once, not again by every service that names it).
/// </summary>
internal sealed class FinalSsls
{
    private readonly ConfigModel _state;
    private readonly Dictionary<string, (string Id, SslObjectType Type, bool Fallback)> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, SslObjectType Type, bool Fallback)> _planned = new(StringComparer.Ordinal);

    public FinalSsls(ConfigModel state, IEnumerable<PlannedSsl> planned, IEnumerable<SslObjectModel> deleted)
    {
        _state = state;
        DeletedIds = deleted.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var p in planned)
        {
            var id = p.Record?.Id ?? p.Existing?.Id ?? "(invalid) " + p.Desired.Name;
            var type = p.Existing?.Type ?? p.Desired.Request.Type ?? SslObjectType.Server;
            var fallback = type == SslObjectType.Server && p.Desired.Request.Fallback;
            _byName[p.Desired.Name] = (id, type, fallback);
            _planned[id] = (p.Desired.Name, type, fallback);
        }
    }

    /// <summary>Stored objects the apply deletes (pruned).</summary>
    public IReadOnlySet<string> DeletedIds { get; }

    public string? IdNamed(string name)
    {
        if (_byName.TryGetValue(name, out var planned)) return planned.Id;
        return _state.SslsNamed(name).FirstOrDefault(m => !DeletedIds.Contains(m.Id))?.Id;
    }

    public bool Contains(string id) => _planned.ContainsKey(id) || (_state.Ssls.ContainsKey(id) && !DeletedIds.Contains(id));

    public SslObjectType? TypeOf(string id) => _planned.TryGetValue(id, out var p) ? p.Type : _state.Ssls.GetValueOrDefault(id)?.Type;

    /// <summary>The final objects that are the fallback.</summary>
    public IReadOnlyList<string> FallbackIds() =>
    [
        .. _state.Ssls.Values.Where(m => m.IsFallback && !DeletedIds.Contains(m.Id) && !_planned.ContainsKey(m.Id)).Select(m => m.Id),
        .. _planned.Where(p => p.Value.Fallback).Select(p => p.Key),
    ];

    /// <summary>The object's name, or its id when it has none.</summary>
    public string Describe(string id) =>
        _planned.TryGetValue(id, out var p) ? p.Name : _state.Ssls.GetValueOrDefault(id)?.Name ?? id;
}
