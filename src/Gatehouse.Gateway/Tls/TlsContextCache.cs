using Gatehouse.Configuration;
using Gatehouse.Core.Revocation;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// The server TLS options of SSL objects, built lazily and kept in a bounded LRU cache (DESIGN.md §11): built on the
/// first handshake that selects an object revision, once (handshakes for the same revision share that one build;
/// a handshake for another object never waits for it), dropped when the object changes or is deleted, and evicted
/// least recently used beyond <c>--tls-context-cache</c> entries. An object's alt certificate is built in the same
/// build as its primary one (one entry, one build per revision). Start-up builds nothing; decrypted keys live only
/// inside built contexts.
/// </summary>
public sealed class TlsContextCache
{
    /// <summary>The default bound (<c>--tls-context-cache</c>).</summary>
    public const int DefaultCapacity = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly ServerTlsOptionsFactory _factory;
    private readonly TimeProvider _time;
    private long _builds;

    public TlsContextCache(ServerTlsOptionsFactory factory, int capacity = DefaultCapacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _factory = factory;
        _time = time ?? TimeProvider.System;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Contexts currently cached (built or being built).</summary>
    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>Contexts built since start (a test reads it to see one build per object revision).</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>
    /// The options of <paramref name="model"/>'s revision, built now if no handshake needed them before, with
    /// <paramref name="ocsp"/>'s response stapled when it is about the current certificate (DESIGN.md §12).
    /// </summary>
    public ServedSslObject Get(SslObjectModel model, OcspRecord? ocsp = null)
    {
        Entry entry;
        lock (_gate)
        {
            if (_entries.TryGetValue(model.Id, out var node) && node.Value.Revision == model.Revision)
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                if (node is not null) _recency.Remove(node);
                entry = new Entry(model.Id, model.Revision, new Lazy<ServedSslObject>(() => Build(model, ocsp)));
                _entries[model.Id] = _recency.AddFirst(entry);
                while (_recency.Count > Capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Id);
                }
            }
        }
        // Built outside the lock: only handshakes for this very revision wait for it.
        return entry.Served.Value;
    }

    /// <summary>Drops the contexts of <paramref name="ids"/> that <paramref name="model"/> no longer holds at the cached revision.</summary>
    public void Forget(ConfigModel model, IEnumerable<string> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids) ForgetLocked(model, id);
        }
    }

    /// <summary>Drops every context <paramref name="model"/> no longer holds at the cached revision (after a resync), and staples the others afresh.</summary>
    public void Retain(ConfigModel model)
    {
        lock (_gate)
        {
            foreach (var id in _entries.Keys.ToList()) ForgetLocked(model, id);
        }
        Restaple(model, model.Ocsp.Keys);
    }

    /// <summary>Staples the current OCSP response of <paramref name="ids"/> on their built contexts (no rebuild).</summary>
    public void Restaple(ConfigModel model, IEnumerable<string> ids)
    {
        List<ServedSslObject> built = [];
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_entries.TryGetValue(id, out var node) && node.Value.Served.IsValueCreated) built.Add(node.Value.Served.Value);
            }
        }
        foreach (var served in built) Staple(served, model.Ocsp.GetValueOrDefault(served.Model.Id)?.Record);
    }

    private void ForgetLocked(ConfigModel model, string id)
    {
        if (!_entries.TryGetValue(id, out var node)) return;
        if (model.Ssls.TryGetValue(id, out var current) && current.Revision == node.Value.Revision) return;
        _recency.Remove(node);
        _entries.Remove(id);
    }

    private ServedSslObject Build(SslObjectModel model, OcspRecord? ocsp)
    {
        Interlocked.Increment(ref _builds);
        // The alt certificate (issue 17) is part of the same revision: built with the primary, in the same single build.
        var (primary, alt) = _factory.Create(model);
        var served = new ServedSslObject(model, primary, alt);
        Staple(served, ocsp);
        return served;
    }

    private void Staple(ServedSslObject served, OcspRecord? record)
    {
        if (served.TlsOptions.ServerCertificateContext is not { } context) return;
        OcspStapler.Apply(context, record?.StapleFor(served.Model.Facts.FingerprintSha256, _time.GetUtcNow()),
            record?.NextUpdate ?? DateTimeOffset.MaxValue);
    }

    private sealed record Entry(string Id, long Revision, Lazy<ServedSslObject> Served);
}
