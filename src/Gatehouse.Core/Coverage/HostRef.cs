namespace Gatehouse.Core.Coverage;

/// <summary>A service host named in an impact or a guard's details.</summary>
public sealed record HostRef(string ServiceId, string Host);
