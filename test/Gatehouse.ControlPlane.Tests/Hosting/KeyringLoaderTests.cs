using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Secrets;

namespace Gatehouse.ControlPlane.Tests.Hosting;

[Collection(EnvironmentCollection.Name)]
public sealed class KeyringLoaderTests() : SecretLoadingTest(KeyringLoader.EnvironmentVariable)
{
    private const string StorageKey = "/gatehouse/ssls/test";
    private static readonly Keyring A = Keyring.Generate();
    private static readonly Keyring B = Keyring.Generate();

    private string KeyringPath => Path.Combine(DataDirectory, "keyring");

    /// <summary>True when <paramref name="loaded"/> holds the keys of <paramref name="expected"/>: it reads what that one wrote.</summary>
    private static bool Same(Keyring expected, Keyring loaded) =>
        loaded.PrimaryKeyId == expected.PrimaryKeyId && loaded.Decrypt(expected.Encrypt("secret", StorageKey), StorageKey) == "secret";

    [Fact]
    public void Environment_variable_comes_first()
    {
        SetVariable(A.Export());
        var file = WriteFile("keyring-file", B.Export());

        Assert.True(Same(A, KeyringLoader.Load(file, DataDirectory)));
        Assert.False(File.Exists(KeyringPath));
    }

    [Fact]
    public void Keyring_file_is_read()
    {
        var file = WriteFile("keyring-file", B.Export() + "\n");

        Assert.True(Same(B, KeyringLoader.Load(file, DataDirectory)));
    }

    [Fact]
    public void Data_directory_file_is_used_when_present()
    {
        WriteFile("keyring", A.Export() + "\n");

        Assert.True(Same(A, KeyringLoader.Load(null, DataDirectory, allowGenerate: false)));
    }

    [Fact]
    public void Several_keys_decrypt_what_each_wrote()
    {
        SetVariable($"{A.Export()},{B.Export()}");

        var loaded = KeyringLoader.Load(null, DataDirectory);

        Assert.Equal(A.PrimaryKeyId, loaded.PrimaryKeyId);
        Assert.Equal("old", loaded.Decrypt(B.Encrypt("old", StorageKey), StorageKey));
    }

    [Fact]
    public void First_start_generates_a_0600_keyring()
    {
        var generated = KeyringLoader.Load(null, DataDirectory);

        Assert.Equal(generated.Export(), File.ReadAllText(KeyringPath).Trim());
        AssertOwnerOnly(KeyringPath);
        Assert.True(Same(generated, KeyringLoader.Load(null, DataDirectory)));
    }

    [Fact]
    public void Without_generation_a_missing_keyring_is_an_error()
    {
        Assert.Throws<KeyringException>(() => KeyringLoader.Load(null, DataDirectory, allowGenerate: false));
        Assert.False(File.Exists(KeyringPath));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    [InlineData(",")]
    public void Malformed_keyring_is_refused(string text)
    {
        SetVariable(text);
        Assert.Throws<KeyringException>(() => KeyringLoader.Load(null, DataDirectory));
        SetVariable(null);
        var file = WriteFile("keyring-file", text);
        Assert.Throws<KeyringException>(() => KeyringLoader.Load(file, DataDirectory));
    }
}
