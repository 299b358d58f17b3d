namespace MlNetVision.Native;

/// <summary>
/// libtorch's OpenMP threads spin while they wait by default. On a machine where another process also
/// computes (a second run, a build, tests), spinning threads steal the cores the working threads need:
/// measured here, a 2-thread matmul ran 4–5× slower beside another job with spinning waits than with
/// passive ones. So, unless the user set it, the process asks for <c>OMP_WAIT_POLICY=PASSIVE</c> before
/// libtorch (and its libgomp) loads.
/// </summary>
internal static class OpenMpSettings
{
    public const string WaitPolicy = "OMP_WAIT_POLICY";

    public static void PreferPassiveWaiting() => NativeEnvironment.SetDefault(WaitPolicy, "PASSIVE");
}
