using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Validation;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// A loader's check that a stored key belongs to its stored certificate, for objects whose certificates a load parses in
/// full (no summary, or one that no longer matches: a record written before summaries, or edited outside the Admin API).
/// The Admin API checks every key it accepts; a record edited in the store could pair a certificate with another key, and
/// without this check that would show only as every handshake for its names failing (DESIGN.md §6: a bad item keeps the
/// key's last good revision instead). A load from a matching summary parses no certificate and skips it: the summary's
/// digest binds the certificate text a write checked.
/// </summary>
public static class StoredKeyCheck
{
    /// <summary>Throws <see cref="ValidationErrors"/> (<c>key_mismatch</c>) when a parsed chain's stored key is not its leaf's.</summary>
    public static void EnsureMatches(SslObjectModel model, SslObjectRecord record, Keyring keyring, string storageKey)
    {
        if (model.Facts.IsChainParsed && !Matches(model.Facts.Leaf, keyring, record.PrivateKey, storageKey))
            throw ValidationErrors.Of("private_key", "key_mismatch", "The stored private_key does not belong to the stored certificate.");
        if (model.Alt is { IsChainParsed: true } alt && record.AltPrivateKey is { } altKey
            && !Matches(alt.Leaf, keyring, altKey, SslObjectRecord.AltKeyContext(storageKey)))
            throw ValidationErrors.Of("alt_private_key", "key_mismatch", "The stored alt_private_key does not belong to the stored alt_certificate.");
    }

    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    private static bool Matches(X509Certificate2 leaf, Keyring keyring, EncryptedSecret secret, string context)
    {
        using var pem = keyring.DecryptText(secret, context);
        using AsymmetricAlgorithm key = leaf.GetKeyAlgorithm() == EcPublicKeyOid ? ECDsa.Create() : RSA.Create();
        try
        {
            key.ImportFromPem(pem.Chars);
        }
        catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
        {
            return false;
        }
        return SslObjectValidator.KeyMatches(leaf, key);
    }
}
