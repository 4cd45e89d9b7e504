using Gatehouse.Core.Ssl;

namespace Gatehouse.Core.Sni;

/// <summary>An object that matches a host, with the SAN entry that matched and the step.</summary>
public sealed record SniCandidate(SslObjectModel Object, string Matched, SniStep Step, bool ValidNow);
