using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.ControlPlane.Access;

/// <summary>Named token secrets: <c>ght_</c> + 32 random bytes in base64url, known to the server only by their SHA-256.</summary>
internal static class TokenSecrets
{
    public const string Prefix = "ght_";

    /// <summary>The length of every secret: the prefix and 43 base64url characters.</summary>
    public const int Length = 47;

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the secret. The secret is 256 random bits, so a fast hash is enough.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when <paramref name="value"/> has the shape of a secret (checked before any store read).</summary>
    public static bool IsWellFormed(string value) =>
        value.Length == Length && value.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(value.AsSpan(Prefix.Length));
}
