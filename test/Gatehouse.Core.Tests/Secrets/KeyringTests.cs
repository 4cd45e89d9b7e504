using System.Security.Cryptography;
using Gatehouse.Core.Secrets;

namespace Gatehouse.Core.Tests.Secrets;

public sealed class KeyringTests
{
    private const string StorageKey = "/gatehouse/ssls/01jabcdefghjkmnpqrstvwxyz0";
    private const string Secret = "-----BEGIN PRIVATE KEY-----\nsecret material\n-----END PRIVATE KEY-----";

    private static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Encrypt_then_decrypt_round_trips()
    {
        var keyring = Keyring.Generate();

        var sealedSecret = keyring.Encrypt(Secret, StorageKey);

        Assert.Equal(keyring.PrimaryKeyId, sealedSecret.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", sealedSecret.KeyId);
        Assert.DoesNotContain("secret material", sealedSecret.Ciphertext, StringComparison.Ordinal);
        Assert.Equal(Secret, keyring.Decrypt(sealedSecret, StorageKey));
    }

    [Fact]
    public void The_key_id_is_the_first_8_bytes_of_the_keys_sha256_in_hex()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var keyring = Keyring.Parse(Convert.ToBase64String(key));

        var expected = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
        Assert.Equal(expected, keyring.PrimaryKeyId);
        Assert.Equal(expected, keyring.Encrypt(Secret, StorageKey).KeyId);
    }

    [Fact]
    public void Export_then_parse_gives_the_same_keyring()
    {
        var keyring = Keyring.Generate();
        var copy = Keyring.Parse(keyring.Export());

        Assert.Equal(keyring.PrimaryKeyId, copy.PrimaryKeyId);
        Assert.Equal(Secret, copy.Decrypt(keyring.Encrypt(Secret, StorageKey), StorageKey));
    }

    [Fact]
    public void A_secret_written_with_an_old_key_decrypts_after_rotation()
    {
        string oldKey = NewKeyText(), newKey = NewKeyText();
        var before = Keyring.Parse(oldKey);
        var written = before.Encrypt(Secret, StorageKey);

        var rotated = Keyring.Parse($"{newKey}, {oldKey}");

        Assert.NotEqual(before.PrimaryKeyId, rotated.PrimaryKeyId);
        Assert.Equal(Secret, rotated.Decrypt(written, StorageKey));
        Assert.Equal(rotated.PrimaryKeyId, rotated.Encrypt(Secret, StorageKey).KeyId);
    }

    [Fact]
    public void A_keyring_without_the_key_fails_without_revealing_key_material()
    {
        string writerKey = NewKeyText(), readerKey = NewKeyText();
        var written = Keyring.Parse(writerKey).Encrypt(Secret, StorageKey);

        var error = Assert.Throws<KeyringException>(() => Keyring.Parse(readerKey).Decrypt(written, StorageKey));

        Assert.DoesNotContain(writerKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(readerKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(writerKey)), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(readerKey)), error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret material", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_ciphertext_is_refused()
    {
        var keyring = Keyring.Generate();
        var written = keyring.Encrypt(Secret, StorageKey);
        var bytes = Convert.FromBase64String(written.Ciphertext);
        bytes[0] ^= 0x01;

        Assert.Throws<KeyringException>(() => keyring.Decrypt(written with { Ciphertext = Convert.ToBase64String(bytes) }, StorageKey));
    }

    [Fact]
    public void Tampered_tag_is_refused()
    {
        var keyring = Keyring.Generate();
        var written = keyring.Encrypt(Secret, StorageKey);
        var bytes = Convert.FromBase64String(written.Ciphertext);
        bytes[^1] ^= 0x80;

        Assert.Throws<KeyringException>(() => keyring.Decrypt(written with { Ciphertext = Convert.ToBase64String(bytes) }, StorageKey));
    }

    [Fact]
    public void Tampered_nonce_is_refused()
    {
        var keyring = Keyring.Generate();
        var written = keyring.Encrypt(Secret, StorageKey);
        var nonce = Convert.FromBase64String(written.Nonce);
        nonce[5] ^= 0x01;

        Assert.Throws<KeyringException>(() => keyring.Decrypt(written with { Nonce = Convert.ToBase64String(nonce) }, StorageKey));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Malformed_stored_values_are_refused(string value)
    {
        var keyring = Keyring.Generate();
        var written = keyring.Encrypt(Secret, StorageKey);

        Assert.Throws<KeyringException>(() => keyring.Decrypt(written with { Nonce = value }, StorageKey));
        Assert.Throws<KeyringException>(() => keyring.Decrypt(written with { Ciphertext = value }, StorageKey));
    }

    [Fact]
    public void A_different_storage_key_is_refused()
    {
        var keyring = Keyring.Generate();
        var written = keyring.Encrypt(Secret, StorageKey);

        Assert.Throws<KeyringException>(() => keyring.Decrypt(written, "/gatehouse/ssls/01jzzzzzzzzzzzzzzzzzzzzzzz"));
    }

    [Fact]
    public void Two_encryptions_of_the_same_text_differ()
    {
        var keyring = Keyring.Generate();

        var first = keyring.Encrypt(Secret, StorageKey);
        var second = keyring.Encrypt(Secret, StorageKey);

        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Ciphertext, second.Ciphertext);
        Assert.Equal(12, Convert.FromBase64String(first.Nonce).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("not base64 at all")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Parse_refuses_non_base64_and_wrong_length_keys(string text) =>
        Assert.Throws<KeyringException>(() => Keyring.Parse(text));

    [Fact]
    public void Parse_refuses_a_bad_entry_among_good_ones_without_echoing_it()
    {
        var good = NewKeyText();
        var bad = Convert.ToBase64String(RandomNumberGenerator.GetBytes(31));

        var error = Assert.Throws<KeyringException>(() => Keyring.Parse($"{good},{bad}"));

        Assert.DoesNotContain(good, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bad, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureDecryptable_accepts_what_decrypts_and_refuses_what_Decrypt_refuses()
    {
        string oldKey = NewKeyText(), newKey = NewKeyText();
        var written = Keyring.Parse(oldKey).Encrypt(Secret, StorageKey);
        var rotated = Keyring.Parse($"{newKey}, {oldKey}");
        var bytes = Convert.FromBase64String(written.Ciphertext);
        bytes[0] ^= 0x01;

        rotated.EnsureDecryptable(written, StorageKey);
        Assert.Throws<KeyringException>(() => Keyring.Parse(newKey).EnsureDecryptable(written, StorageKey));
        Assert.Throws<KeyringException>(() => rotated.EnsureDecryptable(written, StorageKey + "/other"));
        Assert.Throws<KeyringException>(() => rotated.EnsureDecryptable(written with { Ciphertext = Convert.ToBase64String(bytes) }, StorageKey));
        Assert.Throws<KeyringException>(() => rotated.EnsureDecryptable(written with { Nonce = "not base64!" }, StorageKey));
        Assert.Throws<KeyringException>(() => rotated.EnsureDecryptable(written with { Ciphertext = "AAAA" }, StorageKey));
    }

    [Fact]
    public void DecryptText_gives_the_plaintext_until_disposed_and_refuses_what_Decrypt_refuses()
    {
        var keyring = Keyring.Generate();
        var written = keyring.Encrypt(Secret, StorageKey);

        var text = keyring.DecryptText(written, StorageKey);
        Assert.Equal(Secret, text.Chars.ToString());
        text.Dispose();
        text.Dispose();

        Assert.Throws<ObjectDisposedException>(() => text.Chars.Length);
        Assert.Throws<KeyringException>(() => Keyring.Generate().DecryptText(written, StorageKey));
        Assert.Throws<KeyringException>(() => keyring.DecryptText(written, StorageKey + "/other"));
    }
}
