namespace Gatehouse.Client;

/// <summary>A plain text table: a header row and left-aligned columns separated by two spaces.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        var widths = Enumerable.Range(0, headers.Length).Select(i => _rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in _rows)
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }
}
