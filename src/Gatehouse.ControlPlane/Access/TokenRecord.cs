namespace Gatehouse.ControlPlane.Access;

/// <summary>
/// A named token as stored at <c>/gatehouse/tokens/{sha256 of the secret}</c>: never the secret itself.
/// <see cref="LastUsedAt"/> is updated at most once a minute (<see cref="TokenStore.NoteUse"/>).
/// </summary>
public sealed record TokenRecord(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
