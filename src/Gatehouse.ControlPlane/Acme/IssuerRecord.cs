using Gatehouse.Core.Secrets;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// An ACME issuer as stored under <c>/gatehouse-acme/issuers/{id}</c>. The EAB MAC key and the account key are only
/// ciphertext (associated data: the storage key plus <see cref="EabContext"/> / <see cref="AccountKeyContext"/>).
/// </summary>
/// <param name="AccountKey">The account's PKCS#8 key, created on first use; null until then.</param>
/// <param name="AccountUrl">The account's URL at the CA (the JWS <c>kid</c>); null until the account exists.</param>
internal sealed record IssuerRecord(
    string Id,
    string DirectoryUrl,
    IReadOnlyList<string> Contact,
    string KeyType,
    string? CaCertificate,
    string? EabKid,
    EncryptedSecret? EabHmacKey,
    EncryptedSecret? AccountKey,
    string? AccountUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static string EabContext(string storageKey) => storageKey + "#eab_hmac_key";

    public static string AccountKeyContext(string storageKey) => storageKey + "#account_key";
}
