using Gatehouse.Core.Ids;
using Gatehouse.Core.Validation;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// The ACME side of managed SSL objects: create, read, force a renewal, detach, delete. Each write waits (briefly) until
/// <see cref="ManagedIndex"/> reflects it, so a list right after a write shows it.
/// </summary>
internal sealed class ManagedSslStore(IConfigStore store, IssuerStore issuers, ManagedIndex index, TimeProvider time, Hosting.AuditLog audit)
{
    private static readonly TimeSpan IndexWait = TimeSpan.FromSeconds(5);

    /// <summary>The managed records in memory (fed by the watch): what lists read.</summary>
    public ManagedSnapshot Index => index.Current;

    public async Task<(ManagedRecord Record, long Revision)> CreateAsync(ManagedRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await issuers.GetAsync(request.Issuer, cancellationToken);
        }
        catch (DomainError e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainError.Of(DomainErrorKind.Invalid, "invalid_reference", "acme.issuer names no ACME issuer; create one with POST /api/v1/acme/issuers.", "acme.issuer");
        }
        var now = time.GetUtcNow();
        var id = ObjectIds.NewId(now);
        var record = new ManagedRecord(id, request.Issuer, request.Domains, request.Challenge, request.Labels, "pending", now,
            null, now, null, null, 0, null, null, 0, []);
        var result = await store.PutAsync(AcmeKeys.ManagedObject(id), ManagedCodec.Encode(record), 0, cancellationToken);
        if (!result.Succeeded) throw new StoreUnavailableException("The object id was taken; try again.");
        audit.Write("create", "managed_ssl", id, result.Revision);
        await index.WaitForAsync(result.Revision, IndexWait, cancellationToken);
        return (record, result.Revision);
    }

    /// <summary>The managed record of <paramref name="id"/>, or null when the object is not managed.</summary>
    public async Task<(ManagedRecord Record, long Revision)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ObjectIds.IsWellFormed(id)) return null;
        var item = await store.GetAsync(AcmeKeys.ManagedObject(id), cancellationToken);
        return item is not null && ManagedCodec.Decode(item.Value) is { } record ? (record, item.ModRevision) : null;
    }

    public async Task<IReadOnlyList<(ManagedRecord Record, long Revision)>> ListAsync(CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(AcmeKeys.Managed, cancellationToken);
        return [.. listing.Items.Select(i => (Record: ManagedCodec.Decode(i.Value), i.ModRevision)).Where(i => i.Record is not null).Select(i => (i.Record!, i.ModRevision))];
    }

    /// <summary>Asks for a new order now (the current certificate keeps serving until the new one is stored).</summary>
    public async Task<(ManagedRecord Record, long Revision)> RenewAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (record, revision) = await FindAsync(id, cancellationToken) ?? throw NotManaged();
            var now = time.GetUtcNow();
            var updated = record with { NextAttemptAt = now, Failures = 0 };
            var result = await store.PutAsync(AcmeKeys.ManagedObject(id), ManagedCodec.Encode(updated), revision, cancellationToken);
            if (!result.Succeeded) continue;
            audit.Write("renew", "managed_ssl", id, result.Revision);
            await index.WaitForAsync(result.Revision, IndexWait, cancellationToken);
            return (updated, result.Revision);
        }
        throw new StoreUnavailableException("The object kept changing; try again.");
    }

    /// <summary>Makes an issued object a normal one: its ACME record goes, the SSL object stays as it is.</summary>
    public async Task DetachAsync(string id, bool issued, CancellationToken cancellationToken)
    {
        var (_, revision) = await FindAsync(id, cancellationToken) ?? throw NotManaged();
        if (!issued)
            throw DomainError.Of(DomainErrorKind.Conflict, "not_issued", "The object has no certificate yet: there is nothing to keep. Delete it instead, or wait for the issuance.");
        var result = await store.DeleteAsync(AcmeKeys.ManagedObject(id), revision, cancellationToken);
        if (!result.Succeeded) throw DomainError.Of(DomainErrorKind.Conflict, "in_progress", "The object's ACME state changed meanwhile (an attempt ran); try again.");
        audit.Write("detach", "managed_ssl", id, result.Revision);
        await index.WaitForAsync(result.Revision, IndexWait, cancellationToken);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(AcmeKeys.ManagedObject(id), null, cancellationToken);
        if (result.Succeeded) await index.WaitForAsync(result.Revision, IndexWait, cancellationToken);
    }

    private static DomainError NotManaged() =>
        new(DomainErrorKind.NotFound, [new ValidationError("id", "not_found", "No managed (ACME) SSL object has that id.")]);
}
