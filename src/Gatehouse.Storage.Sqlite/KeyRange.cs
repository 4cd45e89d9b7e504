using System.Text;
using Microsoft.Data.Sqlite;

namespace Gatehouse.Storage.Sqlite;

/// <summary>
/// Every key that starts with a prefix, as the index range <c>key &gt;= prefix AND key &lt; upper</c>.
/// Not <c>LIKE</c>: keys may contain <c>%</c> and <c>_</c>, and a range uses the primary-key index.
/// </summary>
internal sealed record KeyRange(string Prefix, string? UpperBound)
{
    public static KeyRange ForPrefix(string prefix) => new(prefix, ComputeUpperBound(prefix));

    /// <summary>The SQL condition on <paramref name="column"/>; bind its parameters with <see cref="Bind"/>.</summary>
    public string Sql(string column) =>
        UpperBound is null ? $"{column} >= $prefix" : $"{column} >= $prefix AND {column} < $upper";

    public void Bind(SqliteCommand command)
    {
        command.Parameters.AddWithValue("$prefix", Prefix);
        BindUpper(command);
    }

    /// <summary>
    /// The SQL condition for the keys of the range after <c>$after</c> (a key of the range); bind it with
    /// <see cref="BindAfter"/>. The lower bound is <c>$after</c> alone: given both <c>key &gt;= $prefix</c> and
    /// <c>key &gt; $after</c>, SQLite seeks on the first and steps over every earlier page's rows, which makes a paged
    /// listing quadratic in its page count.
    /// </summary>
    public string SqlAfter(string column) =>
        UpperBound is null ? $"{column} > $after" : $"{column} > $after AND {column} < $upper";

    public void BindAfter(SqliteCommand command, string after)
    {
        command.Parameters.AddWithValue("$after", after);
        BindUpper(command);
    }

    private void BindUpper(SqliteCommand command)
    {
        if (UpperBound is not null)
        {
            command.Parameters.AddWithValue("$upper", UpperBound);
        }
    }

    /// <summary>
    /// The prefix with its last code point incremented. SQLite compares TEXT as UTF-8 bytes, which order like
    /// code points, so every key with the prefix sorts below it and every other key outside
    /// [prefix, bound). Null when no bound exists (empty prefix, or only U+10FFFF).
    /// </summary>
    private static string? ComputeUpperBound(string prefix)
    {
        var end = prefix.Length;
        while (end > 0)
        {
            Rune.DecodeLastFromUtf16(prefix.AsSpan(0, end), out var last, out var consumed);
            end -= consumed;
            if (last.Value < 0x10FFFF)
            {
                // U+D800..U+DFFF are not code points; the successor of U+D7FF is U+E000.
                var next = last.Value == 0xD7FF ? 0xE000 : last.Value + 1;
                return string.Concat(prefix.AsSpan(0, end), new Rune(next).ToString());
            }
        }

        return null;
    }
}
