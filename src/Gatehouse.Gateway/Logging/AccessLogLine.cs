using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;

namespace Gatehouse.Gateway.Logging;

/// <summary>
/// Formats one access-log line (DESIGN.md §9) into a reused per-thread buffer: one string per request, no
/// logger, no boxing. Every field a client chooses (SNI, Host, path) is escaped, so a CR, LF, ANSI escape or
/// space in a decoded URL can neither forge a line nor shift the fields (<see cref="AppendEscaped"/>).
/// </summary>
internal static class AccessLogLine
{
    /// <summary>Longest path and host logged; the rest is cut and marked with <c>...</c>.</summary>
    private const int MaxField = 2048;

    /// <summary>C0 controls, space, DEL, backslash, C1 controls and the Unicode line and paragraph separators.</summary>
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        Enumerable.Range(0, 0x21).Concat([0x5C]).Concat(Enumerable.Range(0x7F, 0x21)).Concat([0x2028, 0x2029])
            .Select(c => (char)c).ToArray());

    [ThreadStatic] private static StringBuilder? t_builder;
    [ThreadStatic] private static long t_second;
    [ThreadStatic] private static string? t_secondText;

    /// <summary>The line, without its newline.</summary>
    public static string Format(in AccessLogEntry entry)
    {
        var line = t_builder ??= new StringBuilder(256);
        line.Clear();
        AppendTimestamp(line, entry.Time);
        line.Append(" access client=");
        AppendClient(line, entry.Client);
        line.Append(" sni=");
        if (entry.Sni is null) line.Append('-');
        else AppendEscaped(line, entry.Sni);
        line.Append(" host=");
        AppendEscaped(line, entry.Host);
        line.Append(" ssl=").Append(entry.SslId ?? "-");
        line.Append(" service=").Append(entry.ServiceId ?? "-");
        line.Append(' ');
        AppendEscaped(line, entry.Method);
        line.Append(' ');
        AppendEscaped(line, entry.Path.Length == 0 ? "/" : entry.Path);
        line.Append(' ').Append(entry.Protocol);
        line.Append(" status=").Append(entry.Status);
        line.Append(" upstream=").Append(entry.Upstream ?? "-");
        line.Append(" latency_ms=");
        line.Append(CultureInfo.InvariantCulture, $"{entry.LatencyMs:0.0}");
        var text = line.ToString();
        if (line.Capacity > 4 * MaxField) t_builder = null; // an unusually long line: do not keep its buffer
        return text;
    }

    /// <summary>
    /// Appends <paramref name="value"/> with every character of <see cref="NeedsEscape"/> written as <c>\xHH</c>
    /// (<c>\u2028</c> for the separators), so the line stays one line of space-separated fields and a backslash in
    /// the log always starts an escape.
    /// </summary>
    public static void AppendEscaped(StringBuilder line, string value)
    {
        var text = value.AsSpan();
        var cut = text.Length > MaxField;
        if (cut) text = text[..MaxField];
        while (!text.IsEmpty)
        {
            var at = text.IndexOfAny(NeedsEscape);
            if (at < 0)
            {
                line.Append(text);
                break;
            }
            line.Append(text[..at]);
            var c = text[at];
            if (c > 0xFF) line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else line.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            text = text[(at + 1)..];
        }
        if (cut) line.Append("...");
    }

    private static void AppendClient(StringBuilder line, IPAddress? client)
    {
        if (client is null)
        {
            line.Append('-');
            return;
        }
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        Span<char> text = stackalloc char[64];
        if (client.TryFormat(text, out var written)) line.Append(text[..written]);
        else line.Append(client.ToString());
    }

    /// <summary>UTC, millisecond precision; the text up to the second is formatted once per second per thread.</summary>
    private static void AppendTimestamp(StringBuilder line, DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var second = utc.Ticks / TimeSpan.TicksPerSecond;
        if (second != t_second || t_secondText is null)
        {
            t_secondText = utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            t_second = second;
        }
        line.Append(t_secondText).Append('.');
        line.Append(CultureInfo.InvariantCulture, $"{utc.Millisecond:000}").Append('Z');
    }
}
