using System.Text.Json.Serialization;
using Gatehouse.Core.Json;
using Gatehouse.Core.Secrets;

namespace Gatehouse.Core.Ssl;

/// <summary>An SSL object as stored under <c>/gatehouse/ssls/{id}</c> (JSON, snake_case). Keys are only ciphertext.</summary>
/// <param name="AltCertificate">The alternative chain (the other key type for the same names), or null.</param>
/// <param name="AltPrivateKey">Its key, encrypted like <paramref name="PrivateKey"/> (associated data: <see cref="AltKeyContext"/>).</param>
/// <param name="MinTlsVersion"><c>"1.2"</c> or <c>"1.3"</c>; null (records written before it existed) means <c>"1.2"</c>.</param>
/// <param name="Tls12CipherSuites">IANA names; null means the default (intermediate) list.</param>
/// <param name="Name">The optional unique name (DESIGN.md §13), or null.</param>
/// <param name="Summary">The certificate facts derived when the object was written (a load trusts them only while they match).</param>
public sealed record SslObjectRecord(
    string Id,
    [property: JsonConverter(typeof(SharedStringConverter))] string Type,
    string Certificate,
    string? CaCertificate,
    EncryptedSecret PrivateKey,
    IReadOnlyList<string> Labels,
    bool Fallback,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Crl = null,
    bool CrlStrict = false,
    string? AltCertificate = null,
    EncryptedSecret? AltPrivateKey = null,
    string? MinTlsVersion = null,
    IReadOnlyList<string>? Tls12CipherSuites = null,
    string? Name = null,
    CertificateSummary? Summary = null)
{
    /// <summary>
    /// The associated data of the alt key's encryption: the storage key plus a suffix, so the two ciphertexts of one
    /// object cannot be swapped unnoticed.
    /// </summary>
    public static string AltKeyContext(string storageKey) => storageKey + "#alt_private_key";
}
