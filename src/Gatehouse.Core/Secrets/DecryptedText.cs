using System.Buffers;
using System.Text;

namespace Gatehouse.Core.Secrets;

/// <summary>
/// Decrypted text (a PEM private key) held in a pooled buffer and zeroed on <see cref="Dispose"/>: unlike a string, it
/// leaves no copy of the secret on the managed heap once the consumer (a key import) is done with it.
/// </summary>
public sealed class DecryptedText : IDisposable
{
    private char[]? _buffer;
    private readonly int _length;

    private DecryptedText(char[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The text; valid until disposed.</summary>
    public ReadOnlySpan<char> Chars => (_buffer ?? throw new ObjectDisposedException(nameof(DecryptedText))).AsSpan(0, _length);

    internal static DecryptedText FromUtf8(ReadOnlySpan<byte> utf8)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        try
        {
            return new DecryptedText(buffer, Encoding.UTF8.GetChars(utf8, buffer));
        }
        catch
        {
            Array.Clear(buffer);
            ArrayPool<char>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is not { } buffer) return;
        Array.Clear(buffer);
        ArrayPool<char>.Shared.Return(buffer);
    }
}
