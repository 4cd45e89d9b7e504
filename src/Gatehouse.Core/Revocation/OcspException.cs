namespace Gatehouse.Core.Revocation;

/// <summary>An OCSP response that cannot be used; the message says why and never repeats response bytes.</summary>
public sealed class OcspException(string message) : Exception(message);
