namespace Gatehouse.Core.Revocation;

/// <summary>A verified OCSP answer for one certificate: its status and validity window, and the DER to staple.</summary>
public sealed record OcspAnswer(OcspStatus Status, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, DateTimeOffset? RevokedAt, byte[] Der);
