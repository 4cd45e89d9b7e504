using Gatehouse.Core.Revocation;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Gateway.Tls;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Configuration;

/// <summary>
/// Folds what the store's watch delivers (SSL objects and services) into snapshots. A bad item (undecodable, failing validation, or a
/// key the keyring cannot decrypt) keeps that key's last good revision and is reported, never thrown.
/// TLS options are built here, once per object revision, never on the handshake path.
/// </summary>
public sealed partial class SnapshotBuilder(ConfigCodec codec, ServerTlsOptionsFactory tls, ILogger<SnapshotBuilder> logger, TimeProvider time)
{
    private readonly Dictionary<string, SslObjectModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServedSslObject> _served = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientTlsIdentity> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceModel> _services = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bad = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OcspRecord> _ocsp = new(StringComparer.Ordinal);

    /// <summary>Replaces everything with a full listing (start-up, or after a compaction).</summary>
    public void Reset(IEnumerable<StoreItem> items)
    {
        var list = items.Where(i => IsSsl(i.Key) || IsService(i.Key) || IsOcsp(i.Key)).ToList();
        var present = list.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _models.Keys.Concat(_services.Keys).Concat(_bad).Where(k => !present.Contains(k)).ToList()) Remove(gone);
        foreach (var gone in _ocsp.Keys.Where(id => !present.Contains(StoreKeys.Ocsp(id))).ToList()) RemoveOcsp(StoreKeys.Ocsp(gone));
        foreach (var item in list)
        {
            if (IsSsl(item.Key)) Put(item);
            else if (IsOcsp(item.Key)) PutOcsp(item);
            else PutService(item);
        }
    }

    public void Apply(WatchEvent change)
    {
        switch (change)
        {
            case WatchEvent.Put put when IsSsl(put.Item.Key):
                Put(put.Item);
                break;
            case WatchEvent.Put put when IsService(put.Item.Key):
                PutService(put.Item);
                break;
            case WatchEvent.Put put when IsOcsp(put.Item.Key):
                PutOcsp(put.Item);
                break;
            case WatchEvent.Deleted deleted when IsOcsp(deleted.Key):
                RemoveOcsp(deleted.Key);
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
        [.. _bad.Order(StringComparer.Ordinal)],
        _services.Values.ToDictionary(s => s.Id, StringComparer.Ordinal),
        _clients.Values.ToDictionary(c => c.Model.Id, StringComparer.Ordinal),
        _served.Values.Where(s => _ocsp.GetValueOrDefault(s.Model.Id)?.Revokes(s.Model.Facts.FingerprintSha256) == true)
            .Select(s => s.Model.Id).ToHashSet(StringComparer.Ordinal));

    private static bool IsOcsp(string key) => key.StartsWith(StoreKeys.OcspRecords, StringComparison.Ordinal);

    /// <summary>A new OCSP record: staple it on the object's context at once (no rebuild), and note a revocation.</summary>
    private void PutOcsp(StoreItem item)
    {
        if (OcspRecord.TryDecode(item.Value) is not { } record || StoreKeys.Ocsp(record.SslId) != item.Key) return;
        _ocsp[record.SslId] = record;
        if (_served.TryGetValue(StoreKeys.Ssl(record.SslId), out var served)) Staple(served);
    }

    private void RemoveOcsp(string key)
    {
        var id = key[StoreKeys.OcspRecords.Length..];
        _ocsp.Remove(id);
        if (_served.TryGetValue(StoreKeys.Ssl(id), out var served)) Staple(served);
    }

    private void Staple(ServedSslObject served)
    {
        if (served.TlsOptions.ServerCertificateContext is not { } context) return;
        var record = _ocsp.GetValueOrDefault(served.Model.Id);
        OcspStapler.Apply(context, record?.StapleFor(served.Model.Facts.FingerprintSha256, time.GetUtcNow()),
            record?.NextUpdate ?? DateTimeOffset.MaxValue);
    }

    private static bool IsSsl(string key) => key.StartsWith(StoreKeys.Ssls, StringComparison.Ordinal);

    private static bool IsService(string key) => key.StartsWith(StoreKeys.Services, StringComparison.Ordinal);

    private void PutService(StoreItem item)
    {
        var model = ConfigCodec.TryDecodeService(item);
        if (model is null || !IsValid(model.Record))
        {
            MarkBad(item.Key, item.ModRevision);
            return;
        }
        _services[item.Key] = model;
        _bad.Remove(item.Key);
    }

    private void Put(StoreItem item)
    {
        var model = codec.TryDecode(item);
        if (model is null)
        {
            MarkBad(item.Key, item.ModRevision);
            return;
        }
        try
        {
            // TLS material is built once per object revision, here, never on the handshake or request path.
            if (model.Type == SslObjectType.Server)
            {
                if (!_served.TryGetValue(item.Key, out var current) || current.Model.Revision != model.Revision)
                {
                    var served = new ServedSslObject(model, tls.Create(model), tls.CreateAlt(model));
                    Staple(served);
                    _served[item.Key] = served;
                }
                _clients.Remove(item.Key);
            }
            else
            {
                if (!_clients.TryGetValue(item.Key, out var current) || current.Model.Revision != model.Revision)
                    _clients[item.Key] = tls.CreateClientIdentity(model);
                _served.Remove(item.Key);
            }
        }
        catch (Exception e) when (e is KeyringException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            MarkBad(item.Key, item.ModRevision);
            return;
        }
        _models[item.Key] = model;
        _bad.Remove(item.Key);
    }

    /// <summary>The API's validator guards the data plane too (STYLE.md): a stored value edited by hand cannot break routing.</summary>
    private static bool IsValid(ServiceRecord record)
    {
        if (record.Protocols is null || record.Labels is null || record.Upstream.Timeouts is null || record.PathPrefix is null) return false;
        try
        {
            var normalized = ServiceValidator.Validate(record, adminEndPoint: null, []);
            return normalized.Hosts.SequenceEqual(record.Hosts) && normalized.PathPrefix == record.PathPrefix;
        }
        catch (Core.Validation.ValidationErrors)
        {
            return false;
        }
    }

    private void Remove(string key)
    {
        _models.Remove(key);
        _served.Remove(key);
        _clients.Remove(key);
        _services.Remove(key);
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
