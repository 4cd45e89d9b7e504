using System.Security.Cryptography;
using System.Text.Json;
using Gatehouse.Core.Json;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Services;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;

namespace Gatehouse.Configuration;

/// <summary>
/// The one way a stored item becomes a model, in every role (DESIGN.md §6, §11): the control plane and the gateway
/// load SSL objects and services through this code with the same checks. A value that cannot be decoded, fails
/// the checks the Admin API applies, or holds a key the keyring cannot decrypt is reported (null), never thrown.
/// The decrypted key is checked and dropped at once: decrypted keys live only inside built TLS contexts.
/// </summary>
public sealed class ConfigCodec(TimeProvider time, Keyring? keyring = null)
{
    /// <summary>The stored form of an SSL object: always with the summary of its certificates, so loading it parses none.</summary>
    public static string Encode(SslObjectRecord record) => JsonSerializer.Serialize(SslObjectModel.Summarized(record), GatehouseJson.Options);

    public static string Encode(ServiceRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    /// <summary>The model of a stored service, or null when the item is bad.</summary>
    public ServiceModel? LoadService(StoreItem item)
    {
        try
        {
            var record = JsonSerializer.Deserialize<ServiceRecord>(item.Utf8Value.Span, GatehouseJson.StoredOptions);
            if (record?.Upstream?.Targets is null || record.Hosts is null || StoreKeys.Service(record.Id) != item.Key) return null;
            return IsValid(record) ? new ServiceModel(record, item.ModRevision) : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The model of a stored SSL object, or null when the item is bad.</summary>
    public SslObjectModel? LoadSsl(StoreItem item)
    {
        try
        {
            var stored = item.Utf8Value;
            var record = JsonSerializer.Deserialize<SslObjectRecord>(stored.Span, GatehouseJson.StoredOptions);
            if (record is null || StoreKeys.Ssl(record.Id) != item.Key || record.PrivateKey is null) return null;
            var model = SslObjectModel.Load(record, stored, item.ModRevision, time.GetUtcNow());
            keyring?.EnsureDecryptable(record.PrivateKey, item.Key);
            if (record.AltPrivateKey is { } altKey) keyring?.EnsureDecryptable(altKey, SslObjectRecord.AltKeyContext(item.Key));
            if (keyring is not null) StoredKeyCheck.EnsureMatches(model, record, keyring, item.Key);
            return model;
        }
        catch (Exception e) when (e is JsonException or ValidationErrors or NotSupportedException or KeyringException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The Admin API's validator guards every reader too (STYLE.md): a value edited by hand cannot break routing or writes.</summary>
    private static bool IsValid(ServiceRecord record)
    {
        if (record.Protocols is null || record.Labels is null || record.Upstream.Timeouts is null || record.PathPrefix is null) return false;
        try
        {
            var normalized = ServiceValidator.Validate(record, adminEndPoint: null, []);
            return normalized.Hosts.SequenceEqual(record.Hosts) && normalized.PathPrefix == record.PathPrefix;
        }
        catch (ValidationErrors)
        {
            return false;
        }
    }
}
