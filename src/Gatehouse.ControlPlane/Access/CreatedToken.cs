namespace Gatehouse.ControlPlane.Access;

/// <summary>The answer to <c>POST /api/v1/tokens</c>: the one response that ever carries the secret.</summary>
internal sealed record CreatedToken(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt,
    bool Expired, string Secret);
