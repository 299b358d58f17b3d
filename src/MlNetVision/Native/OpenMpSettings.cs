using System.Runtime.InteropServices;

namespace MlNetVision.Native;

/// <summary>
/// libtorch's OpenMP threads spin while they wait by default. On a machine where another process also
/// computes (a second run, a build, tests), spinning threads steal the cores the working threads need:
/// measured here, a 2-thread matmul ran 4–5× slower beside another job with spinning waits than with
/// passive ones. So, unless the user set it, the process asks for <c>OMP_WAIT_POLICY=PASSIVE</c> before
/// libtorch (and its libgomp) loads. .NET keeps its own copy of the environment on Unix, so this calls
/// the C library's <c>setenv</c>, which OpenMP reads.
/// </summary>
internal static partial class OpenMpSettings
{
    public const string WaitPolicy = "OMP_WAIT_POLICY";

    public static void PreferPassiveWaiting()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WaitPolicy))) return;
        try
        {
            _ = SetEnvironment(WaitPolicy, "PASSIVE", overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library setenv: OpenMP keeps its default policy.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
