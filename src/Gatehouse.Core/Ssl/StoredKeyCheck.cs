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

    private static bool Matches(X509Certificate2 leaf, Keyring keyring, EncryptedSecret secret, string context)
    {
        using var pem = keyring.DecryptText(secret, context);
        try
        {
            // CopyWithPrivateKey compares the key's public half with the certificate's and throws on a mismatch.
            using var joined = leaf.GetECDsaPublicKey() is { } ecPublic ? JoinEc(leaf, pem.Chars, ecPublic) : JoinRsa(leaf, pem.Chars);
            return true;
        }
        catch (Exception e) when (CryptoFailures.IsDamagedInput(e))
        {
            return false;
        }
    }

    private static X509Certificate2 JoinEc(X509Certificate2 leaf, ReadOnlySpan<char> pem, ECDsa publicKey)
    {
        publicKey.Dispose();
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return leaf.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 JoinRsa(X509Certificate2 leaf, ReadOnlySpan<char> pem)
    {
        using var key = RSA.Create();
        key.ImportFromPem(pem);
        return leaf.CopyWithPrivateKey(key);
    }
}
