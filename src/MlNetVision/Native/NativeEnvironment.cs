using System.Runtime.InteropServices;

namespace MlNetVision.Native;

/// <summary>
/// Sets a variable in the C library's environment, which native libraries (libgomp, libtorch's c10) read when they load.
/// .NET keeps its own copy of the environment on Unix, so <c>Environment.SetEnvironmentVariable</c> does not reach them.
/// </summary>
internal static partial class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/> unless the user set it; a no-op off Unix or without setenv.</summary>
    public static void SetDefault(string name, string value)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) return;
        try
        {
            _ = SetEnvironment(name, value, overwrite: 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library setenv: the library keeps its default.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
