using Gatehouse.Core.Secrets;

namespace Gatehouse.Core.Ssl;

/// <summary>An SSL object as stored under <c>/gatehouse/ssls/{id}</c> (JSON, snake_case). The key is only ciphertext.</summary>
public sealed record SslObjectRecord(
    string Id,
    string Type,
    string Certificate,
    string? CaCertificate,
    EncryptedSecret PrivateKey,
    IReadOnlyList<string> Labels,
    bool Fallback,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Crl = null,
    bool CrlStrict = false);
