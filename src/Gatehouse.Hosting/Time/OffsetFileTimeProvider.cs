using System.Globalization;

namespace Gatehouse.Hosting.Time;

/// <summary>
/// The system clock plus an offset in seconds read from a file (re-read at most every 100 ms; a missing or unreadable
/// file means no offset). Real time keeps flowing, so timeouts and backoff behave as usual. For tests only.
/// </summary>
internal sealed class OffsetFileTimeProvider(string path) : TimeProvider
{
    private readonly Lock _lock = new();
    private TimeSpan _offset;
    private long _readAt = -1_000;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset();

    private TimeSpan Offset()
    {
        var ticks = Environment.TickCount64;
        lock (_lock)
        {
            if (ticks - _readAt < 100) return _offset;
            _readAt = ticks;
            try
            {
                _offset = double.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds)
                    : TimeSpan.Zero;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _offset = TimeSpan.Zero;
            }
            return _offset;
        }
    }
}
