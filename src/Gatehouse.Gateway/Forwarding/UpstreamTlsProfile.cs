namespace Gatehouse.Gateway.Forwarding;

/// <summary>
/// The TLS identity of an upstream connection pool (DESIGN.md §4): which client object the gateway presents,
/// which CA set it trusts, the SNI/verified name, and whether it verifies at all. Part of the pool key, so a
/// change gets a new pool.
/// </summary>
/// <remarks>
/// Only <see cref="Verify"/> and <see cref="Sni"/> are honoured so far (system trust + name check); client
/// certificates and custom CAs are the next step and plug into <see cref="UpstreamHandlerFactory"/>.
/// </remarks>
internal sealed record UpstreamTlsProfile(string? Sni, bool Verify, string? ClientSslId, string? CaCertificate);
