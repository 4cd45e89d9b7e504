namespace Gatehouse.Core.Revocation;

/// <summary>Serial numbers in one comparable form: lower-case hex of the big-endian bytes, leading zero bytes removed.</summary>
internal static class SerialNumbers
{
    public static string Canonical(ReadOnlySpan<byte> bigEndian)
    {
        var start = 0;
        while (start < bigEndian.Length - 1 && bigEndian[start] == 0) start++;
        return Convert.ToHexStringLower(bigEndian[start..]);
    }
}
