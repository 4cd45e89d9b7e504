namespace Gatehouse.ControlPlane.Console.Security;

/// <summary>The directory of the console's data-protection keys: created owner-only (0700), as the rest of the data directory's secrets.</summary>
internal static class ConsoleKeyDirectory
{
    public static DirectoryInfo Ensure(string path)
    {
        var directory = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }
}
