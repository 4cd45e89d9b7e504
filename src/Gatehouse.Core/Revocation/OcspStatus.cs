namespace Gatehouse.Core.Revocation;

/// <summary>What a responder says about a certificate (RFC 6960 §4.2.1).</summary>
public enum OcspStatus
{
    Good,
    Revoked,
    Unknown,
}
