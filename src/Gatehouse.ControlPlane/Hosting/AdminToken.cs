using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>The admin bearer token (DESIGN.md §5), compared in constant time.</summary>
public sealed class AdminToken
{
    public const int MinLength = 32;
    public const string EnvironmentVariable = "GATEHOUSE_ADMIN_TOKEN";
    private const string FileName = "admin-token";
    private readonly byte[] _hash;

    private AdminToken(string value) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// From <c>GATEHOUSE_ADMIN_TOKEN</c>, else <paramref name="tokenFile"/>, else the data directory's file,
    /// generating it (0600) on first start; with no data directory (the split roles) only the first two count. <c>NewValue</c> is set only then, to be printed once. Throws <see cref="InvalidOperationException"/> for a short token.
    /// </summary>
    public static (AdminToken Token, string? NewValue) Load(string? tokenFile, string? dataDirectory, bool allowGenerate = true)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var value = !string.IsNullOrEmpty(fromEnvironment) ? fromEnvironment
            : tokenFile is not null ? SecretFiles.Read(tokenFile)
            : null;
        if (value is not null) return (Checked(value, fromEnvironment is not null ? EnvironmentVariable : "--token-file"), null);

        var path = dataDirectory is null ? null : Path.Combine(dataDirectory, FileName);
        if (File.Exists(path)) return (Checked(SecretFiles.Read(path), path), null);
        if (!allowGenerate || path is null) throw new InvalidOperationException($"No admin token: set {EnvironmentVariable} or pass --token-file.");
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        SecretFiles.Create(path, generated);
        return (new AdminToken(generated), generated);
    }

    /// <summary>
    /// Identifies this token without revealing it (a hash of its hash): console sessions carry it, so a new
    /// admin token ends every session signed in with the old one.
    /// </summary>
    public string SessionStamp => Convert.ToHexStringLower(SHA256.HashData([.. "gatehouse-console:"u8, .. _hash]))[..32];

    public static AdminToken FromValue(string value) => Checked(value, "token");

    /// <summary>Constant-time: both sides are hashed to equal length first.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    private static AdminToken Checked(string value, string source) => value.Length >= MinLength
        ? new AdminToken(value)
        : throw new InvalidOperationException($"The admin token from {source} is shorter than {MinLength} characters.");
}
