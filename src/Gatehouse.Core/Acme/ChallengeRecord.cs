namespace Gatehouse.Core.Acme;

/// <summary>
/// A pending challenge answer as stored under <c>/gatehouse-acme/challenges/{token}</c>: what every gateway serves until
/// the authorization is decided. Nothing in it is secret (the CA publishes the token; the key authorization names only
/// the account's public key).
/// </summary>
/// <param name="Type"><c>http-01</c> or <c>tls-alpn-01</c>.</param>
/// <param name="Domain">The name validated (A-label, lower case).</param>
/// <param name="ExpiresAt">After this instant gateways ignore the record (a control plane that died mid-order leaves no live answer).</param>
public sealed record ChallengeRecord(string Type, string Domain, string Token, string KeyAuthorization, DateTimeOffset ExpiresAt);
