namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// The TLS identity of an upstream connection pool (DESIGN.md §4): the SNI and verified name, whether it
/// verifies, which client object revision it presents and which CA set it trusts. Part of the pool key, so
/// rotating or deleting the client object, or changing the CA set, gets a new pool: no pooled connection
/// keeps an old identity.
/// </summary>
internal sealed record UpstreamTlsProfile(string? Sni, bool Verify, string? ClientSslId, long ClientRevision, string TrustId);
