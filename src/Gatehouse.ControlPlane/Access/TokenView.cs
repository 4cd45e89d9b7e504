namespace Gatehouse.ControlPlane.Access;

/// <summary>A named token as the API shows it: never its secret (only the create response carries that, in <see cref="CreatedToken"/>).</summary>
internal sealed record TokenView(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Expired)
{
    public static TokenView From(TokenRecord record, DateTimeOffset now) =>
        new(record.Name, record.Role, record.CreatedAt, record.ExpiresAt, record.LastUsedAt, record.IsExpired(now));
}
