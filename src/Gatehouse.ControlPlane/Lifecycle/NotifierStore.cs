using Gatehouse.Core.Validation;
using System.Text.Json;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Json;
using Gatehouse.Core.Secrets;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>Creates, reads, replaces and deletes notifiers; the secret is encrypted with the keyring (storage key as associated data).</summary>
internal sealed class NotifierStore(IConfigStore store, Keyring keyring, TimeProvider time, Hosting.AuditLog audit)
{
    public async Task<IReadOnlyList<(NotifierRecord Record, long Revision)>> ListAsync(CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(LifecycleKeys.Notifiers, cancellationToken);
        return [.. listing.Items.Select(i => (Decode(i), i.ModRevision)).Where(n => n.Item1 is not null).Select(n => (n.Item1!, n.ModRevision))];
    }

    public async Task<(NotifierRecord Record, long Revision)> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsWellFormed(id)) throw DomainError.NotFound("notifier");
        var item = await store.GetAsync(LifecycleKeys.Notifier(id), cancellationToken);
        return item is not null && Decode(item) is { } record ? (record, item.ModRevision) : throw DomainError.NotFound("notifier");
    }

    public async Task<(NotifierRecord Record, long Revision)> CreateAsync(NotifierRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = ObjectIds.NewId(now);
        var key = LifecycleKeys.Notifier(id);
        var record = new NotifierRecord(id, request.Url, Encrypt(request.Secret, key), request.ThresholdsDays, request.Events, now, now);
        var result = await store.PutAsync(key, Encode(record), 0, cancellationToken);
        if (!result.Succeeded) throw new StoreUnavailableException("The notifier id was taken; try again.");
        audit.Write("create", "notifier", id, result.Revision);
        return (record, result.Revision);
    }

    /// <summary>Replaces every field; an omitted <c>secret</c> keeps the stored one, an empty one removes it.</summary>
    public async Task<(NotifierRecord Record, long Revision)> ReplaceAsync(string id, NotifierRequest request, long? ifMatch,
        CancellationToken cancellationToken)
    {
        var (existing, revision) = await GetAsync(id, cancellationToken);
        if (ifMatch is { } expected && expected != revision) throw RevisionConflict();
        var key = LifecycleKeys.Notifier(id);
        var secret = request.SecretGiven ? Encrypt(request.Secret, key) : existing.Secret;
        var record = existing with
        {
            Url = request.Url, Secret = secret, ThresholdsDays = request.ThresholdsDays, Events = request.Events,
            UpdatedAt = time.GetUtcNow(),
        };
        var result = await store.PutAsync(key, Encode(record), revision, cancellationToken);
        if (!result.Succeeded) throw RevisionConflict();
        audit.Write("replace", "notifier", id, result.Revision);
        return (record, result.Revision);
    }

    public async Task DeleteAsync(string id, long? ifMatch, CancellationToken cancellationToken)
    {
        var (_, revision) = await GetAsync(id, cancellationToken);
        if (ifMatch is { } expected && expected != revision) throw RevisionConflict();
        var result = await store.DeleteAsync(LifecycleKeys.Notifier(id), revision, cancellationToken);
        if (!result.Succeeded) throw RevisionConflict();
        audit.Write("delete", "notifier", id, result.Revision);
    }

    /// <summary>The plaintext HMAC secret of a notifier, for signing deliveries only.</summary>
    public string? SecretOf(NotifierRecord record) =>
        record.Secret is null ? null : keyring.Decrypt(record.Secret, LifecycleKeys.Notifier(record.Id));

    private EncryptedSecret? Encrypt(string? secret, string key) => secret is null ? null : keyring.Encrypt(secret, key);

    private static string Encode(NotifierRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    private static NotifierRecord? Decode(StoreItem item)
    {
        try
        {
            var record = JsonSerializer.Deserialize<NotifierRecord>(item.Value, GatehouseJson.Options);
            return record is not null && LifecycleKeys.Notifier(record.Id) == item.Key && record.Url is not null && record.ThresholdsDays is not null
                ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DomainError RevisionConflict() =>
        DomainError.Stale("notifier");
}
