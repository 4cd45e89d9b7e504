using System.Text;

namespace Gatehouse.Functional.Tests.Access;

/// <summary>Every byte of a data directory's SQLite files (database, WAL; not the lock file, which the process holds exclusively), as Latin-1 text, to search for a value that must not be there.</summary>
public static class StoreFiles
{
    public static string ReadAll(string dataDirectory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(dataDirectory, "gatehouse.db*"))
        {
            if (file.EndsWith(".lock", StringComparison.Ordinal)) continue;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd()).Append('\n');
        }
        return text.ToString();
    }
}
