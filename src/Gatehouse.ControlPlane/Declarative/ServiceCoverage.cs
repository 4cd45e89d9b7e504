namespace Gatehouse.ControlPlane.Declarative;

/// <summary>The TLS coverage of one service host in the final state, the serving object named when it has a name.</summary>
internal sealed record ServiceCoverage(string Service, string Host, string? Ssl, string Step, bool PeerAuthentication, IReadOnlyList<string> Warnings);
