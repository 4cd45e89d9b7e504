using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Revocation;

/// <summary>
/// One parsed and verified certificate revocation list (RFC 5280 §5): who signed it, when it was issued, when the
/// next one is due, and the serial numbers it lists.
/// </summary>
/// <param name="Der">The CRL as uploaded (DER).</param>
/// <param name="Signer">The CA certificate of the object's CA set whose key signed it.</param>
/// <param name="RevokedSerials">Serial numbers as lower-case hex without leading zero bytes.</param>
public sealed record RevocationList(
    byte[] Der,
    X509Certificate2 Signer,
    DateTimeOffset ThisUpdate,
    DateTimeOffset? NextUpdate,
    IReadOnlySet<string> RevokedSerials)
{
    /// <summary>True when <paramref name="now"/> is past <see cref="NextUpdate"/>: a newer CRL should exist.</summary>
    public bool IsStaleAt(DateTimeOffset now) => NextUpdate is { } next && now > next;

    /// <summary>True when <paramref name="certificate"/>'s serial number is listed.</summary>
    public bool Lists(X509Certificate2 certificate) => RevokedSerials.Contains(SerialNumbers.Canonical(certificate.SerialNumberBytes.Span));
}
