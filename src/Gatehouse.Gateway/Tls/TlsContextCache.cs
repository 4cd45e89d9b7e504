using Gatehouse.Configuration;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Configuration;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// The server TLS options of SSL objects, built lazily and kept in a bounded LRU cache (DESIGN.md §11): built on the
/// first handshake that selects an object revision, once (handshakes for the same revision share that one build;
/// a handshake for another object never waits for it), dropped when the object changes or is deleted, and evicted
/// least recently used beyond <c>--tls-context-cache</c> entries. Start-up builds nothing; decrypted keys live only
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
    private long _builds;

    public TlsContextCache(ServerTlsOptionsFactory factory, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _factory = factory;
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

    /// <summary>The options of <paramref name="model"/>'s revision, built now if no handshake needed them before.</summary>
    public ServedSslObject Get(SslObjectModel model)
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
                entry = new Entry(model.Id, model.Revision, new Lazy<ServedSslObject>(() => Build(model)));
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

    /// <summary>Drops every context <paramref name="model"/> no longer holds at the cached revision (after a resync).</summary>
    public void Retain(ConfigModel model)
    {
        lock (_gate)
        {
            foreach (var id in _entries.Keys.ToList()) ForgetLocked(model, id);
        }
    }

    private void ForgetLocked(ConfigModel model, string id)
    {
        if (!_entries.TryGetValue(id, out var node)) return;
        if (model.Ssls.TryGetValue(id, out var current) && current.Revision == node.Value.Revision) return;
        _recency.Remove(node);
        _entries.Remove(id);
    }

    private ServedSslObject Build(SslObjectModel model)
    {
        Interlocked.Increment(ref _builds);
        return new ServedSslObject(model, _factory.Create(model));
    }

    private sealed record Entry(string Id, long Revision, Lazy<ServedSslObject> Served);
}
