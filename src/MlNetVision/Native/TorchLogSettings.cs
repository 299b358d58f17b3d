namespace MlNetVision.Native;

/// <summary>
/// libtorch writes its C++ warnings straight to the process's standard error, past any logger: on CPUs NNPACK does not
/// support (this AMD Zen 5 among them) every evaluation printed a dozen <c>Could not initialize NNPACK! Reason:
/// Unsupported hardware.</c> lines into the user's console, although libtorch then runs its own convolutions. So, unless
/// the user set it, the process asks for <c>TORCH_CPP_LOG_LEVEL=ERROR</c> before libtorch loads: its errors still show,
/// its warnings do not. Set <c>TORCH_CPP_LOG_LEVEL=WARNING</c> (or <c>INFO</c>) to see them again.
/// </summary>
internal static class TorchLogSettings
{
    public const string LogLevel = "TORCH_CPP_LOG_LEVEL";

    public static void ErrorsOnly() => NativeEnvironment.SetDefault(LogLevel, "ERROR");
}
