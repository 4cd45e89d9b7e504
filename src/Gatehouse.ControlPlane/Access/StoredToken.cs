namespace Gatehouse.ControlPlane.Access;

/// <summary>A named token read from the store, with the hash that keys it and the revision a conditional write needs.</summary>
public sealed record StoredToken(string Hash, TokenRecord Record, long ModRevision);
