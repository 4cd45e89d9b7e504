using Gatehouse.Core.Revocation;
using Gatehouse.Core.Ssl;

namespace Gatehouse.ControlPlane.Ssl;

/// <summary>What a response says about one of an object's CRLs (read-only <c>crls</c>).</summary>
public sealed record CrlView(string Issuer, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, int RevokedCount)
{
    public static CrlView From(RevocationList list) => new(
        DistinguishedNames.ToRfc4514(list.Signer.SubjectName), list.ThisUpdate.ToUniversalTime(),
        list.NextUpdate?.ToUniversalTime(), list.RevokedSerials.Count);
}
