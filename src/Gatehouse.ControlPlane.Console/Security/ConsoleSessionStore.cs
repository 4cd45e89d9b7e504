using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gatehouse.ControlPlane.Access;
using Gatehouse.Core.Json;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>
/// Server-side console sessions (issue 9 item 5): created at sign-in with an absolute lifetime, checked by one point
/// read on every console request, deleted at sign-out — so a saved cookie stops working — and swept when expired.
/// Kept in the store, so they survive restarts and every control plane sharing the store sees a sign-out.
/// </summary>
internal sealed class ConsoleSessionStore(IConfigStore store, TimeProvider time)
{
    /// <summary>However active, a session ends this long after its sign-in.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>Stores a new session for <paramref name="principal"/>; returns its id (32 random bytes, base64url), for the cookie only.</summary>
    public async Task<string> CreateAsync(Principal principal, string? bootstrapStamp, CancellationToken cancellationToken)
    {
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new SessionRecord(principal.Name, RoleNames.Of(principal.Role), principal.TokenHash,
            principal.TokenHash is null ? bootstrapStamp : null, now, now + AbsoluteLifetime);
        await store.PutAsync(Key(id), JsonSerializer.Serialize(record, GatehouseJson.Options), 0, cancellationToken);
        return id;
    }

    /// <summary>The live session with this id, or null (never created, signed out, or past its absolute lifetime).</summary>
    public async Task<SessionRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var item = await store.GetAsync(Key(id), cancellationToken);
        var record = item is null ? null : Decode(item);
        return record is not null && record.ExpiresAt > time.GetUtcNow() ? record : null;
    }

    /// <summary>Ends the session: its cookie, wherever it was saved, no longer signs anyone in.</summary>
    public Task RevokeAsync(string id, CancellationToken cancellationToken) => store.DeleteAsync(Key(id), cancellationToken: cancellationToken);

    /// <summary>Deletes every expired (or unreadable) session; returns how many. Runs in the background, never on a request.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var listing = await store.ListAsync(StoreKeys.Sessions, cancellationToken);
        var now = time.GetUtcNow();
        var swept = 0;
        foreach (var item in listing.Items)
        {
            if (Decode(item) is { } record && record.ExpiresAt > now) continue;
            if ((await store.DeleteAsync(item.Key, item.ModRevision, cancellationToken)).Succeeded) swept++;
        }
        return swept;
    }

    private static string Key(string id) => StoreKeys.Session(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id))));

    private static SessionRecord? Decode(StoreItem item)
    {
        try
        {
            return JsonSerializer.Deserialize<SessionRecord>(item.Value, GatehouseJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
