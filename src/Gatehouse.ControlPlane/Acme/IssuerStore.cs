using System.Buffers.Text;
using System.Text.Json;
using Gatehouse.Acme;
using Gatehouse.Core.Ids;
using Gatehouse.Core.Json;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>Creates, reads, replaces and deletes ACME issuers; secrets are encrypted with the keyring.</summary>
internal sealed class IssuerStore(IConfigStore store, Keyring keyring, TimeProvider time, Hosting.AuditLog audit)
{
    public async Task<IReadOnlyList<(IssuerRecord Record, long Revision)>> ListAsync(CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(AcmeKeys.Issuers, cancellationToken);
        return [.. listing.Items.Select(i => (Record: Decode(i.Value), i.ModRevision)).Where(i => i.Record is not null).Select(i => (i.Record!, i.ModRevision))];
    }

    public async Task<(IssuerRecord Record, long Revision)> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsWellFormed(id)) throw DomainError.NotFound("ACME issuer");
        var item = await store.GetAsync(AcmeKeys.Issuer(id), cancellationToken);
        return item is not null && Decode(item.Value) is { } record ? (record, item.ModRevision) : throw DomainError.NotFound("ACME issuer");
    }

    public async Task<(IssuerRecord Record, long Revision)> CreateAsync(IssuerRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = ObjectIds.NewId(now);
        var key = AcmeKeys.Issuer(id);
        var record = new IssuerRecord(id, request.DirectoryUrl, request.Contact, request.KeyType.ToWire(), request.CaCertificate,
            request.EabKid, EncryptEab(request.EabHmacKey, key), null, null, now, now);
        var result = await store.PutAsync(key, Encode(record), 0, cancellationToken);
        if (!result.Succeeded) throw new StoreUnavailableException("The issuer id was taken; try again.");
        audit.Write("create", "acme_issuer", record.Id, result.Revision);
        return (record, result.Revision);
    }

    /// <summary>
    /// Replaces every field; an omitted <c>eab</c> keeps the stored binding, <c>null</c> removes it. A new directory or key
    /// type forgets the account (a new one is created on next use).
    /// </summary>
    public async Task<(IssuerRecord Record, long Revision)> ReplaceAsync(string id, IssuerRequest request, long? ifMatch,
        CancellationToken cancellationToken)
    {
        var (existing, revision) = await GetAsync(id, cancellationToken);
        if (ifMatch is { } expected && expected != revision) throw RevisionConflict();
        var key = AcmeKeys.Issuer(id);
        var sameAccount = existing.DirectoryUrl == request.DirectoryUrl && existing.KeyType == request.KeyType.ToWire();
        var record = existing with
        {
            DirectoryUrl = request.DirectoryUrl, Contact = request.Contact, KeyType = request.KeyType.ToWire(),
            CaCertificate = request.CaCertificate,
            EabKid = request.EabGiven ? request.EabKid : existing.EabKid,
            EabHmacKey = request.EabGiven ? EncryptEab(request.EabHmacKey, key) : existing.EabHmacKey,
            AccountKey = sameAccount ? existing.AccountKey : null,
            AccountUrl = sameAccount ? existing.AccountUrl : null,
            UpdatedAt = time.GetUtcNow(),
        };
        var result = await store.PutAsync(key, Encode(record), revision, cancellationToken);
        if (!result.Succeeded) throw RevisionConflict();
        audit.Write("replace", "acme_issuer", id, result.Revision);
        return (record, result.Revision);
    }

    /// <summary>Deletes an issuer no managed object names (409 <c>in_use</c> otherwise).</summary>
    public async Task DeleteAsync(string id, long? ifMatch, CancellationToken cancellationToken)
    {
        var (_, revision) = await GetAsync(id, cancellationToken);
        if (ifMatch is { } expected && expected != revision) throw RevisionConflict();
        var users = (await store.ListAsync(AcmeKeys.Managed, cancellationToken)).Items
            .Select(i => ManagedCodec.Decode(i.Value)).Where(m => m?.Issuer == id).Select(m => m!.Id).ToList();
        if (users.Count > 0)
        {
            throw new DomainError(DomainErrorKind.Conflict, [.. users.Select(u => new ValidationError("id", "in_use",
                $"Managed SSL object {u} uses this issuer: detach or delete it first."))]);
        }
        var result = await store.DeleteAsync(AcmeKeys.Issuer(id), revision, cancellationToken);
        if (!result.Succeeded) throw RevisionConflict();
        audit.Write("delete", "acme_issuer", id, result.Revision);
    }

    /// <summary>Stores the account created at the CA, unless the issuer changed meanwhile (then false: the next attempt starts over).</summary>
    public async Task<bool> SaveAccountAsync(IssuerRecord record, long revision, AcmeKey key, string accountUrl, CancellationToken cancellationToken)
    {
        var storageKey = AcmeKeys.Issuer(record.Id);
        var updated = record with
        {
            AccountKey = keyring.Encrypt(key.ExportPkcs8Pem(), IssuerRecord.AccountKeyContext(storageKey)),
            AccountUrl = accountUrl,
        };
        return (await store.PutAsync(storageKey, Encode(updated), revision, cancellationToken)).Succeeded;
    }

    /// <summary>The stored account key, or null when the account does not exist yet.</summary>
    public AcmeKey? AccountKeyOf(IssuerRecord record) => record.AccountKey is { } secret
        ? AcmeKey.FromPkcs8Pem(keyring.Decrypt(secret, IssuerRecord.AccountKeyContext(AcmeKeys.Issuer(record.Id))))
        : null;

    /// <summary>The external account binding to send with newAccount, or null.</summary>
    public (string KeyId, byte[] MacKey)? EabOf(IssuerRecord record) => record is { EabKid: { } kid, EabHmacKey: { } secret }
        ? (kid, Base64Url.DecodeFromChars(keyring.Decrypt(secret, IssuerRecord.EabContext(AcmeKeys.Issuer(record.Id)))))
        : null;

    private EncryptedSecret? EncryptEab(byte[]? mac, string key) =>
        mac is null ? null : keyring.Encrypt(Base64Url.EncodeToString(mac), IssuerRecord.EabContext(key));

    private static DomainError RevisionConflict() =>
        DomainError.Stale("issuer");

    private static string Encode(IssuerRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    private static IssuerRecord? Decode(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<IssuerRecord>(value, GatehouseJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
