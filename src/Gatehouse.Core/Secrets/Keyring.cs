using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.Core.Secrets;

/// <summary>
/// The keys that protect private keys at rest (DESIGN.md §6): AES-256-GCM with a random nonce; the first key
/// encrypts, every key decrypts; the storage key and the key id are the associated data, so a ciphertext
/// moved to another key or tampered with is refused.
/// </summary>
public sealed class Keyring
{
    private const int KeySize = 32, NonceSize = 12, TagSize = 16;
    private readonly IReadOnlyList<(string Id, byte[] Key)> _keys;

    private Keyring(IReadOnlyList<byte[]> keys) => _keys = [.. keys.Select(k => (KeyIdOf(k), k))];

    /// <summary>Id of the key that encrypts new secrets.</summary>
    public string PrimaryKeyId => _keys[0].Id;

    /// <summary>Reads comma-separated base64 32-byte keys (the format of <c>GATEHOUSE_KEYRING</c>).</summary>
    public static Keyring Parse(string text)
    {
        var keys = new List<byte[]>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = new byte[KeySize];
            if (!Convert.TryFromBase64String(part, key, out var written) || written != KeySize)
                throw new KeyringException($"Keyring entry #{keys.Count + 1} is not a base64-encoded 32-byte key.");
            keys.Add(key);
        }
        if (keys.Count == 0) throw new KeyringException("The keyring holds no key.");
        return new Keyring(keys);
    }

    /// <summary>A keyring with one fresh random key.</summary>
    public static Keyring Generate() => new([RandomNumberGenerator.GetBytes(KeySize)]);

    /// <summary>The keyring in the format <see cref="Parse"/> reads. Secret: write it only to a 0600 file.</summary>
    public string Export() => string.Join(",", _keys.Select(k => Convert.ToBase64String(k.Key)));

    public EncryptedSecret Encrypt(string plaintext, string storageKey)
    {
        var (id, key) = _keys[0];
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[data.Length + TagSize];
        using (var gcm = new AesGcm(key, TagSize))
        {
            gcm.Encrypt(nonce, data, output.AsSpan(0, data.Length), output.AsSpan(data.Length), AssociatedData(storageKey, id));
        }
        CryptographicOperations.ZeroMemory(data);
        return new EncryptedSecret(id, Convert.ToBase64String(nonce), Convert.ToBase64String(output));
    }

    /// <summary>Decrypts with the key named by the secret's key id, then with every other key.</summary>
    public string Decrypt(EncryptedSecret secret, string storageKey) => WithPlaintext(secret, storageKey, Encoding.UTF8.GetString);

    /// <summary>
    /// Throws <see cref="KeyringException"/> unless <paramref name="secret"/> decrypts (a loader's check that a stored key
    /// is usable). The plaintext never becomes a string: it is decrypted into a scratch buffer that is zeroed at once.
    /// </summary>
    public void EnsureDecryptable(EncryptedSecret secret, string storageKey) => WithPlaintext(secret, storageKey, static _ => true);

    /// <summary>
    /// Decrypts <paramref name="secret"/> (UTF-8 text, a PEM key) into a pooled buffer that is zeroed when the result is
    /// disposed: the plaintext never becomes an immutable string left for the garbage collector (DESIGN.md §11,
    /// decrypted keys live only inside built TLS contexts).
    /// </summary>
    public DecryptedText DecryptText(EncryptedSecret secret, string storageKey) => WithPlaintext(secret, storageKey, DecryptedText.FromUtf8);

    private delegate T PlaintextReader<out T>(ReadOnlySpan<byte> plaintext);

    /// <summary>Decrypts into a pooled scratch buffer, hands the plaintext to <paramref name="read"/>, then zeroes the buffer.</summary>
    private T WithPlaintext<T>(EncryptedSecret secret, string storageKey, PlaintextReader<T> read)
    {
        var plain = ArrayPool<byte>.Shared.Rent(secret.Ciphertext.Length);
        try
        {
            return read(plain.AsSpan(0, DecryptInto(secret, storageKey, plain)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    /// <summary>Decrypts into <paramref name="plain"/> (at least as long as the ciphertext's base64); returns the plaintext's length.</summary>
    private int DecryptInto(EncryptedSecret secret, string storageKey, byte[] plain)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        var sealedData = ArrayPool<byte>.Shared.Rent(secret.Ciphertext.Length);
        try
        {
            if (!Convert.TryFromBase64String(secret.Nonce, nonce, out var nonceLength) || nonceLength != NonceSize
                || !Convert.TryFromBase64String(secret.Ciphertext, sealedData, out var sealedLength) || sealedLength < TagSize)
                throw new KeyringException("The stored private key is not valid ciphertext.");
            var length = sealedLength - TagSize;
            // The key named by the secret first, then the others (a keyring rotated since): no allocation per try.
            var named = IndexOfKey(secret.KeyId);
            if (named >= 0 && TryDecrypt(named, nonce, sealedData.AsSpan(0, sealedLength), plain, storageKey)) return length;
            for (var i = 0; i < _keys.Count; i++)
            {
                if (i != named && TryDecrypt(i, nonce, sealedData.AsSpan(0, sealedLength), plain, storageKey)) return length;
            }
            throw new KeyringException($"The stored private key cannot be decrypted with any key of the keyring (it was written with key id {secret.KeyId}).");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedData);
        }
    }

    private int IndexOfKey(string keyId)
    {
        for (var i = 0; i < _keys.Count; i++)
        {
            if (_keys[i].Id == keyId) return i;
        }
        return -1;
    }

    /// <summary>Opens <paramref name="sealedData"/> (ciphertext, then tag) with key <paramref name="index"/>; false when the tag does not match.</summary>
    private bool TryDecrypt(int index, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedData, byte[] plain, string storageKey)
    {
        var (id, key) = _keys[index];
        var length = sealedData.Length - TagSize;
        var size = Encoding.UTF8.GetMaxByteCount(storageKey.Length) + 1 + id.Length / 2;
        Span<byte> associated = size <= 512 ? stackalloc byte[size] : new byte[size];
        var written = Encoding.UTF8.GetBytes(storageKey, associated);
        associated[written++] = 0;
        Convert.FromHexString(id, associated[written..], out _, out var idBytes);
        try
        {
            using var gcm = new AesGcm(key, TagSize);
            gcm.Decrypt(nonce, sealedData[..length], sealedData[length..], plain.AsSpan(0, length), associated[..(written + idBytes)]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // Wrong key, or tampered data.
            return false;
        }
    }

    private static string KeyIdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));

    private static byte[] AssociatedData(string storageKey, string keyId) =>
        [.. Encoding.UTF8.GetBytes(storageKey), 0, .. Convert.FromHexString(keyId)];
}
