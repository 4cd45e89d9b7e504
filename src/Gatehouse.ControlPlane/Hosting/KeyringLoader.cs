using Gatehouse.Core.Secrets;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>Finds the keyring (DESIGN.md §6): <c>GATEHOUSE_KEYRING</c>, else <c>--keyring-file</c>, else the data directory's file (none for the split roles, which pass a null directory).</summary>
public static class KeyringLoader
{
    public const string EnvironmentVariable = "GATEHOUSE_KEYRING";
    private const string FileName = "keyring";

    public static Keyring Load(string? keyringFile, string? dataDirectory, bool allowGenerate = true)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return Keyring.Parse(fromEnvironment);
        if (keyringFile is not null) return Keyring.Parse(SecretFiles.Read(keyringFile));
        var path = dataDirectory is null ? null : Path.Combine(dataDirectory, FileName);
        if (File.Exists(path)) return Keyring.Parse(SecretFiles.Read(path));
        if (!allowGenerate || path is null) throw new KeyringException($"No keyring: set {EnvironmentVariable} or pass --keyring-file.");
        var keyring = Keyring.Generate();
        SecretFiles.Create(path, keyring.Export());
        return keyring;
    }
}
