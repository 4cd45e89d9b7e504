namespace Gatehouse.Client;

/// <summary>Reads the PEM and token files named on the command line.</summary>
internal static class InputFiles
{
    /// <summary>The Admin API refuses bodies over 1 MiB; no single input file can be larger.</summary>
    private const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads a text file. A failure names the option and the path only: the file may hold a private key, and an
    /// exception message is never passed on.
    /// </summary>
    public static string ReadText(string path, string option, long maxBytes = MaxBytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new UsageException($"{option}: cannot read '{path}': no such file.");
            if (info.Length > maxBytes) throw new UsageException($"{option}: cannot read '{path}': larger than {maxBytes / 1024} KiB.");
            return File.ReadAllText(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot read '{path}': permission denied.");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option}: cannot read '{path}'.");
        }
    }
}
