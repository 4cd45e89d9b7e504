using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Logging;

/// <summary>
/// The access log off the request thread: a request hands over its preformatted line to a bounded buffer and
/// returns; one background writer encodes the lines into a 64 KiB block and writes whole lines only, flushing as
/// soon as the buffer is empty (so a quiet gateway's lines appear at once and a busy one's in large writes).
/// When the destination cannot keep up and the buffer is full, a line is dropped and counted
/// (<see cref="Dropped"/>), never waited for. <see cref="DisposeAsync"/> writes every line already handed over:
/// the gateway disposes it after its listeners have drained, so no line is lost on SIGTERM.
/// </summary>
internal sealed partial class AccessLogWriter : IAsyncDisposable
{
    /// <summary>Lines held while the destination is slow: about 16 MiB of typical lines.</summary>
    public const int DefaultCapacity = 65536;

    private const int BlockSize = 64 * 1024;

    /// <summary>The longest line whose UTF-8 form and newline surely fit in one block.</summary>
    private static readonly int MaxLineChars = (BlockSize - 1) / 3 - 1;
    private readonly Channel<string> _lines;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ILogger _logger;
    private readonly Task _pump;
    private long _dropped;

    public AccessLogWriter(Stream stream, bool ownsStream, ILogger logger, int capacity = DefaultCapacity)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _logger = logger;
        _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            // Wait makes TryWrite answer false when full, so a dropped line is known and counted.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Lines dropped because the buffer was full or the destination failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The writer for a destination; null when the access log is off. Opens (creates) the file now, so a bad path stops start-up.</summary>
    public static AccessLogWriter? Open(AccessLogDestination destination, ILogger logger)
    {
        if (!destination.Enabled) return null;
        if (destination.Path is null) return new AccessLogWriter(Console.OpenStandardOutput(), ownsStream: false, logger);
        var file = new FileStream(destination.Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0);
        return new AccessLogWriter(file, ownsStream: true, logger);
    }

    /// <summary>Hands one line (without its newline) to the writer; never blocks.</summary>
    public void Write(string line)
    {
        if (!_lines.Writer.TryWrite(line)) Interlocked.Increment(ref _dropped);
    }

    private async Task PumpAsync()
    {
        var block = new byte[BlockSize];
        var used = 0;
        var pending = 0;
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line))
            {
                // Fields are capped, but escapes widen them: a line never outgrows one block, it is cut instead.
                if (line.Length > MaxLineChars) line = line[..MaxLineChars];
                if (used + Encoding.UTF8.GetMaxByteCount(line.Length) + 1 > BlockSize)
                {
                    await FlushAsync(block, used, pending).ConfigureAwait(false);
                    used = pending = 0;
                }
                used += Encoding.UTF8.GetBytes(line, block.AsSpan(used));
                block[used++] = (byte)'\n';
                pending++;
            }
            await FlushAsync(block, used, pending).ConfigureAwait(false);
            used = pending = 0;
        }
    }

    private async Task FlushAsync(byte[] block, int length, int lines)
    {
        if (length == 0) return;
        try
        {
            await _stream.WriteAsync(block.AsMemory(0, length)).ConfigureAwait(false);
            await _stream.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            Interlocked.Add(ref _dropped, lines);
            LogWriteFailed(_logger, lines, e.GetType().Name);
        }
    }

    /// <summary>Writes every line handed over so far, then closes the destination (a file; stdout stays open).</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        if (_ownsStream) await _stream.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "The access log could not be written; {Lines} lines dropped ({Exception})")]
    private static partial void LogWriteFailed(ILogger logger, int lines, string exception);
}
