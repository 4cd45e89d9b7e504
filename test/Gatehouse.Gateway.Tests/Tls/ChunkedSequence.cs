using System.Buffers;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, as a socket pipe delivers bytes in pieces.</summary>
internal sealed class ChunkedSequence : ReadOnlySequenceSegment<byte>
{
    private ChunkedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary><paramref name="bytes"/> cut at <paramref name="cuts"/> (ascending offsets inside it).</summary>
    public static ReadOnlySequence<byte> Of(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToList();
        var first = new ChunkedSequence(bytes.AsMemory(0, bounds[0]), 0);
        var last = first;
        for (var i = 1; i < bounds.Count; i++)
        {
            var next = new ChunkedSequence(bytes.AsMemory(bounds[i - 1], bounds[i] - bounds[i - 1]), bounds[i - 1]);
            last.Next = next;
            last = next;
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
