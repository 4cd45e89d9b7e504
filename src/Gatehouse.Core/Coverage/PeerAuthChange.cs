namespace Gatehouse.Core.Coverage;

/// <summary>A service host whose peer authentication would change: on or off, or to another CA set.</summary>
public sealed record PeerAuthChange(string ServiceId, string Host, bool Before, bool After, bool CaSetChanged);
