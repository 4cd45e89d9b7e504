using System.Collections.Immutable;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// The managed (ACME) records at one store revision, in memory (issue 11: no request lists the store): every record by
/// id, and the ids of those never issued — the objects <c>GET /ssls</c> lists as <c>pending</c> — in id order.
/// </summary>
internal sealed class ManagedSnapshot
{
    public static readonly ManagedSnapshot Empty = new(ImmutableDictionary<string, (ManagedRecord, long)>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedSet<string>.Empty.WithComparer(StringComparer.Ordinal), 0);

    private readonly ImmutableDictionary<string, (ManagedRecord Record, long Revision)> _byId;
    private readonly ImmutableSortedSet<string> _neverIssued;

    private ManagedSnapshot(ImmutableDictionary<string, (ManagedRecord, long)> byId, ImmutableSortedSet<string> neverIssued, long revision)
    {
        _byId = byId;
        _neverIssued = neverIssued;
        Revision = revision;
    }

    /// <summary>The store revision this snapshot reflects.</summary>
    public long Revision { get; }

    /// <summary>How many objects are managed.</summary>
    public int Count => _byId.Count;

    /// <summary>The record of <paramref name="id"/> and its store revision, or null when the object is not managed.</summary>
    public (ManagedRecord Record, long Revision)? Find(string id) => _byId.TryGetValue(id, out var found) ? found : null;

    /// <summary>Managed objects never issued, in id order after <paramref name="cursor"/>: O(log N) to start, O(1) per item.</summary>
    public IEnumerable<(ManagedRecord Record, long Revision)> NeverIssuedAfter(string? cursor)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            var index = _neverIssued.IndexOf(cursor);
            start = index >= 0 ? index + 1 : ~index;
        }
        for (var i = start; i < _neverIssued.Count; i++) yield return _byId[_neverIssued[i]];
    }

    /// <summary>A snapshot of <paramref name="records"/> at <paramref name="revision"/>.</summary>
    public static ManagedSnapshot Of(IEnumerable<(ManagedRecord Record, long Revision)> records, long revision)
    {
        var byId = ImmutableDictionary.CreateBuilder<string, (ManagedRecord, long)>(StringComparer.Ordinal);
        var neverIssued = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var (record, itemRevision) in records)
        {
            byId[record.Id] = (record, itemRevision);
            if (!record.WasIssued) neverIssued.Add(record.Id);
        }
        return new(byId.ToImmutable(), neverIssued.ToImmutable(), revision);
    }

    /// <summary>This snapshot with <paramref name="record"/> stored (or the object <paramref name="deletedId"/> gone) at <paramref name="revision"/>.</summary>
    public ManagedSnapshot With(ManagedRecord? record, string deletedId, long revision)
    {
        var id = record?.Id ?? deletedId;
        var byId = record is null ? _byId.Remove(id) : _byId.SetItem(id, (record, revision));
        var neverIssued = record is { WasIssued: false } ? _neverIssued.Add(id) : _neverIssued.Remove(id);
        return new(byId, neverIssued, Math.Max(Revision, revision));
    }
}
