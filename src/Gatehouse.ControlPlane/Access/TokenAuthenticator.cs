using Gatehouse.ControlPlane.Hosting;

namespace Gatehouse.ControlPlane.Access;

/// <summary>
/// Turns a presented secret into a <see cref="Principal"/>: the bootstrap admin token (compared in constant time), or a
/// named token found by the hash of the secret, unexpired. Used by the API on every request and by the console.
/// </summary>
public sealed class TokenAuthenticator(AdminToken bootstrap, TokenStore tokens, TimeProvider time)
{
    /// <summary>The principal, or null when the secret is no valid token (wrong, deleted or expired).</summary>
    public async Task<Principal?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented)) return null;
        if (bootstrap.Matches(presented)) return Principal.Bootstrap;
        if (!TokenSecrets.IsWellFormed(presented)) return null;
        var token = await FindValidAsync(TokenSecrets.Hash(presented), cancellationToken);
        if (token is null) return null;
        tokens.NoteUse(token);
        RoleNames.TryParse(token.Record.Role, out var role);
        return new Principal(token.Record.Name, role, token.Hash);
    }

    /// <summary>True while the token a principal signed in with still exists and has not expired (the bootstrap token always does).</summary>
    public async Task<bool> IsCurrentAsync(Principal principal, CancellationToken cancellationToken) =>
        principal.TokenHash is not { } hash || await FindValidAsync(hash, cancellationToken) is not null;

    private async Task<StoredToken?> FindValidAsync(string hash, CancellationToken cancellationToken)
    {
        var token = await tokens.FindAsync(hash, cancellationToken);
        return token is null || token.Record.IsExpired(time.GetUtcNow()) ? null : token;
    }
}
