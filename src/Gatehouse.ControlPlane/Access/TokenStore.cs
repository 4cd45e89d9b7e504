using Gatehouse.Core.Validation;
using System.Collections.Concurrent;
using System.Text.Json;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Json;
using Gatehouse.Storage;
using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Access;

/// <summary>
/// Named tokens in the store: created with a unique name, found by the hash of their secret in one point read (no
/// listing on the request path, and a delete on any control plane is seen by the next read on every other),
/// deleted by name.
/// </summary>
public sealed partial class TokenStore(IConfigStore store, TimeProvider time, ILogger<TokenStore> logger)
{
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _noted = new(StringComparer.Ordinal);

    /// <summary>Stores a new token; returns its record, its secret (never stored) and the commit revision. 409 <c>name_conflict</c> when the name is taken.</summary>
    public async Task<(TokenRecord Record, string Secret, long Revision)> CreateAsync(string name, Role role, DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        var secret = TokenSecrets.New();
        var hash = TokenSecrets.Hash(secret);
        var record = new TokenRecord(name, RoleNames.Of(role), time.GetUtcNow(), expiresAt, null);
        var result = await store.CommitAsync(
            [new StoreCondition(StoreKeys.TokenName(name), 0), new StoreCondition(StoreKeys.Token(hash), 0)],
            [new StoreMutation.Put(StoreKeys.TokenName(name), JsonSerializer.Serialize(new TokenNameEntry(hash), GatehouseJson.Options)),
                new StoreMutation.Put(StoreKeys.Token(hash), Encode(record))],
            cancellationToken);
        if (!result.Succeeded)
            throw DomainError.Of(DomainErrorKind.Conflict, "name_conflict", "A token with that name exists: delete it first or choose another name.", "name");
        return (record, secret, result.Revision);
    }

    /// <summary>Every named token, in name order (tokens are few: an admin's list, never a request path).</summary>
    public async Task<IReadOnlyList<TokenRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(StoreKeys.Tokens, cancellationToken);
        return [.. listing.Items.Select(Decode).OfType<TokenRecord>().OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Deletes the token called <paramref name="name"/>; returns the commit revision, or null when there is none.</summary>
    public async Task<long?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entry = await store.GetAsync(StoreKeys.TokenName(name), cancellationToken);
            if (entry is null) return null;
            var hash = DecodeName(entry)?.TokenHash;
            List<StoreMutation> mutations = [new StoreMutation.Delete(entry.Key)];
            if (hash is not null) mutations.Add(new StoreMutation.Delete(StoreKeys.Token(hash)));
            var result = await store.CommitAsync([new StoreCondition(entry.Key, entry.ModRevision)], mutations, cancellationToken);
            if (!result.Succeeded) continue;
            if (hash is not null) _noted.TryRemove(hash, out _);
            return result.Revision;
        }
        throw new StoreUnavailableException("The token kept changing during the delete; try again.");
    }

    /// <summary>The token whose secret hashes to <paramref name="hash"/>: one point read.</summary>
    public async Task<StoredToken?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        var item = await store.GetAsync(StoreKeys.Token(hash), cancellationToken);
        return item is not null && Decode(item) is { } record ? new StoredToken(hash, record, item.ModRevision) : null;
    }

    /// <summary>
    /// Records that <paramref name="token"/> was just used: a conditional write (so it never brings back a token deleted
    /// meanwhile) at most once a minute per token, off the request path.
    /// </summary>
    public void NoteUse(StoredToken token)
    {
        var now = time.GetUtcNow();
        if (token.Record.LastUsedAt is { } last && now - last < UseResolution) return;
        if (_noted.TryGetValue(token.Hash, out var noted) && now - noted < UseResolution) return;
        _noted[token.Hash] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await store.PutAsync(StoreKeys.Token(token.Hash), Encode(token.Record with { LastUsedAt = now }), token.ModRevision);
            }
            catch (Exception e) when (e is StoreUnavailableException or ObjectDisposedException)
            {
                LogUseNotRecorded(logger, token.Record.Name);
            }
        });
    }

    private static string Encode(TokenRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    private static TokenRecord? Decode(StoreItem item)
    {
        try
        {
            var record = JsonSerializer.Deserialize<TokenRecord>(item.Value, GatehouseJson.Options);
            return record?.Name is null || !RoleNames.TryParse(record.Role, out _) ? null : record;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TokenNameEntry? DecodeName(StoreItem item)
    {
        try
        {
            return JsonSerializer.Deserialize<TokenNameEntry>(item.Value, GatehouseJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Store unavailable: last use of token {Name} not recorded")]
    private static partial void LogUseNotRecorded(ILogger logger, string name);

    /// <summary>The value of a name index key.</summary>
    private sealed record TokenNameEntry(string TokenHash);
}
