using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gatehouse.Core.Revocation;

/// <summary>
/// The CRLs of one SSL object (DESIGN.md §12), at most one per CA of its set, and whether a stale one refuses every
/// client (<c>crl_strict</c>). Immutable; built once per object revision.
/// </summary>
public sealed class RevocationLists
{
    private readonly Dictionary<string, RevocationList> _bySigner;

    public RevocationLists(IReadOnlyList<RevocationList> lists, bool strict)
    {
        Lists = lists;
        Strict = strict;
        _bySigner = lists.ToDictionary(l => Thumbprint(l.Signer), StringComparer.Ordinal);
        Id = lists.Count == 0 && !strict
            ? ""
            : Convert.ToHexStringLower(SHA256.HashData([.. lists.SelectMany(l => l.Der), strict ? (byte)1 : (byte)0]));
    }

    public static RevocationLists None { get; } = new([], strict: false);

    public IReadOnlyList<RevocationList> Lists { get; }

    public bool Strict { get; }

    /// <summary>Identifies the lists and the strict flag (empty when there are none): requests bind to it like to the CA set.</summary>
    public string Id { get; }

    /// <summary>
    /// Whether a client chain that already passed the CA check is refused: a certificate listed by its issuer's CRL,
    /// or, with <see cref="Strict"/>, any stale CRL. <paramref name="chain"/> runs leaf first, root last.
    /// </summary>
    public bool Refuses(IReadOnlyList<X509Certificate2> chain, DateTimeOffset now)
    {
        if (Lists.Count == 0) return false;
        if (Strict && Lists.Any(l => l.IsStaleAt(now))) return true;
        for (var i = 0; i + 1 < chain.Count; i++)
        {
            if (_bySigner.TryGetValue(Thumbprint(chain[i + 1]), out var list) && list.Lists(chain[i])) return true;
        }
        return false;
    }

    /// <summary>Warnings that depend on the clock: a CRL past its next update.</summary>
    public IEnumerable<string> WarningsAt(DateTimeOffset now)
    {
        for (var i = 0; i < Lists.Count; i++)
        {
            if (!Lists[i].IsStaleAt(now)) continue;
            yield return Strict
                ? $"CRL #{i + 1} is past its next_update: with crl_strict every client is refused until a fresh CRL is uploaded."
                : $"CRL #{i + 1} is past its next_update: upload a fresh one (certificates revoked since are still accepted).";
        }
    }

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
