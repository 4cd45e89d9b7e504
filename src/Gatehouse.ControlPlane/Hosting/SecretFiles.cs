using System.Text;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>Reads and creates the secret files of the data directory, always with mode 0600.</summary>
public static class SecretFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> with mode 0600 and <paramref name="content"/>; fails if it exists.</summary>
    public static void Create(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(content + "\n"));
            stream.Flush(flushToDisk: true);
        }
    }

    public static string Read(string path) => File.ReadAllText(path).Trim();

    /// <summary>Creates the data directory with mode 0700 when missing.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
    }
}
