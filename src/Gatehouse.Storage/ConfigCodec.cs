using System.Collections.Concurrent;
using System.Text.Json;
using Gatehouse.Core.Json;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.Storage;

/// <summary>
/// Turns stored SSL object values into models, parsing each (key, revision) once: the cache keeps the latest
/// revision of each key only, so rotations do not accumulate parsed certificates. A value that cannot be
/// decoded or fails the certificate checks is reported, never thrown past the caller.
/// </summary>
public sealed class ConfigCodec(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SslObjectModel> _models = new(StringComparer.Ordinal);

    public static string Encode(SslObjectRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    public static string Encode(ServiceRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    /// <summary>The model of a stored service, or null when the item is bad.</summary>
    public static ServiceModel? TryDecodeService(StoreItem item)
    {
        try
        {
            var record = JsonSerializer.Deserialize<ServiceRecord>(item.Value, GatehouseJson.Options);
            if (record?.Upstream?.Targets is null || record.Hosts is null || StoreKeys.Service(record.Id) != item.Key) return null;
            return new ServiceModel(record, item.ModRevision);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The model of a stored item, or null when the item is bad.</summary>
    public SslObjectModel? TryDecode(StoreItem item)
    {
        if (_models.TryGetValue(item.Key, out var cached) && cached.Revision == item.ModRevision) return cached;
        try
        {
            var record = JsonSerializer.Deserialize<SslObjectRecord>(item.Value, GatehouseJson.Options);
            if (record is null || StoreKeys.Ssl(record.Id) != item.Key || record.PrivateKey is null) return null;
            var model = SslObjectModel.Load(record, item.ModRevision, time.GetUtcNow());
            _models[item.Key] = model;
            return model;
        }
        catch (Exception e) when (e is JsonException or ValidationErrors or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Forgets the models of keys that are gone (deleted objects).</summary>
    public void Retain(IReadOnlySet<string> presentKeys)
    {
        foreach (var key in _models.Keys)
        {
            if (!presentKeys.Contains(key)) _models.TryRemove(key, out _);
        }
    }
}
