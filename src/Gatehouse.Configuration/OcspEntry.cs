using Gatehouse.Core.Revocation;

namespace Gatehouse.Configuration;

/// <summary>An object's stored OCSP record and the store revision it was read at (for conditional writes).</summary>
public sealed record OcspEntry(OcspRecord Record, long Revision);
