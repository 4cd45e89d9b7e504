using System.Runtime.InteropServices;

namespace Gatehouse.Testing.Process;

/// <summary>Sends signals to processes the tests started.</summary>
public static partial class Posix
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    /// <summary>SIGSTOP: the process is frozen (it reads, writes and answers nothing) until <see cref="Continue"/>.</summary>
    public static void Stop(int pid) => _ = Kill(pid, SigStop);

    /// <summary>SIGCONT: a frozen process runs again.</summary>
    public static void Continue(int pid) => _ = Kill(pid, SigCont);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
