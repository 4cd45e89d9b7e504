using System.Runtime.InteropServices;

namespace Gatehouse.Testing.Process;

/// <summary>Sends signals to processes the tests started.</summary>
public static partial class Posix
{
    private const int SigTerm = 15;

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
