using Gatehouse.ControlPlane.Configuration;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Folds what the store's watch delivers into snapshots. A bad item (undecodable, failing validation, or a
/// key the keyring cannot decrypt) keeps that key's last good revision and is reported, never thrown.
/// TLS options are built here, once per object revision, never on the handshake path.
/// </summary>
public sealed partial class SnapshotBuilder(ConfigCodec codec, ServerTlsOptionsFactory tls, ILogger<SnapshotBuilder> logger)
{
    private readonly Dictionary<string, SslObjectModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServedSslObject> _served = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bad = new(StringComparer.Ordinal);

    /// <summary>Replaces everything with a full listing (start-up, or after a compaction).</summary>
    public void Reset(IEnumerable<StoreItem> items)
    {
        var list = items.Where(i => i.Key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal)).ToList();
        var present = list.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _models.Keys.Concat(_bad).Where(k => !present.Contains(k)).ToList()) Remove(gone);
        foreach (var item in list) Put(item);
    }

    public void Apply(WatchEvent change)
    {
        switch (change)
        {
            case WatchEvent.Put put when put.Item.Key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal):
                Put(put.Item);
                break;
            case WatchEvent.Deleted deleted:
                Remove(deleted.Key);
                break;
        }
    }

    public GatewaySnapshot Build(long revision) => new(
        revision,
        _served.Values.ToDictionary(s => s.Model.Id, StringComparer.Ordinal),
        _models.Values.ToDictionary(m => m.Id, StringComparer.Ordinal),
        [.. _bad.Order(StringComparer.Ordinal)]);

    private void Put(StoreItem item)
    {
        var model = codec.TryDecode(item);
        if (model is null)
        {
            MarkBad(item.Key, item.ModRevision);
            return;
        }
        if (model.Type == SslObjectType.Server)
        {
            if (!_served.TryGetValue(item.Key, out var current) || current.Model.Revision != model.Revision)
            {
                try
                {
                    _served[item.Key] = new ServedSslObject(model, tls.Create(model));
                }
                catch (Exception e) when (e is KeyringException or System.Security.Cryptography.CryptographicException or ArgumentException)
                {
                    MarkBad(item.Key, item.ModRevision);
                    return;
                }
            }
        }
        else
        {
            _served.Remove(item.Key);
        }
        _models[item.Key] = model;
        _bad.Remove(item.Key);
    }

    private void Remove(string key)
    {
        _models.Remove(key);
        _served.Remove(key);
        _bad.Remove(key);
    }

    private void MarkBad(string key, long revision)
    {
        _bad.Add(key);
        LogBadItem(logger, key, revision);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Bad store item {Key} at revision {Revision}: keeping its last good revision")]
    private static partial void LogBadItem(ILogger logger, string key, long revision);
}
