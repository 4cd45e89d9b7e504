namespace Gatehouse.Acme;

/// <summary>What a gateway must answer for one pending challenge: the type, the name validated, the token and its key authorization.</summary>
public sealed record ChallengeAnswer(string Type, string Domain, string Token, string KeyAuthorization);
