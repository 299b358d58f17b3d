using System.Runtime.InteropServices;

namespace MlNetVision.Experiments.Sweeps;

/// <summary>Sends SIGTERM to a child process (Linux and macOS), as <c>kill -TERM</c> does.</summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks process <paramref name="pid"/> to stop; false where signals are not supported or the process is gone.</summary>
    public static bool Terminate(int pid) => (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Kill(pid, SigTerm) == 0;

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for this one call
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
