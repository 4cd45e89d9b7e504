using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Sni;

/// <summary>An object that matches a host, with the SAN entry that matched and the step.</summary>
/// <param name="Revoked">A responder said the object's current certificate is revoked (DESIGN.md §12).</param>
public sealed record SniCandidate(SslObjectModel Object, string Matched, SniStep Step, bool ValidNow, bool Revoked = false);
