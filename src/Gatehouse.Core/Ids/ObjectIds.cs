using System.Security.Cryptography;

namespace Gatehouse.Core.Ids;

/// <summary>
/// Server-generated ids: ULIDs in lower-case Crockford base32 (26 characters; 48-bit milliseconds then 80
/// random bits), so ordinal order is creation order. Hand-written: the BCL has no ULID and the format is tiny.
/// </summary>
public static class ObjectIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string NewId(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        var millis = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(millis >> (8 * (5 - i)));
        RandomNumberGenerator.Fill(bytes[6..]);
        var value = new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        Span<char> text = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(text);
    }

    /// <summary>True for a well-formed id; anything else cannot name an object.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 26 } && id[0] <= '7' && id.All(c => Alphabet.Contains(c));
}
