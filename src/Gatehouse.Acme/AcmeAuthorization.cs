namespace Gatehouse.Acme;

/// <summary>An authorization object (RFC 8555 §7.1.4).</summary>
public sealed record AcmeAuthorization(
    string Status,
    AcmeIdentifier Identifier,
    IReadOnlyList<AcmeChallenge> Challenges,
    DateTimeOffset? Expires = null,
    bool Wildcard = false)
{
    /// <summary>The first challenge of <paramref name="type"/>, or null when the CA does not offer it.</summary>
    public AcmeChallenge? Challenge(string type) => Challenges.FirstOrDefault(c => c.Type == type);
}
