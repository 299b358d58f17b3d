using System.Runtime.InteropServices;

namespace MlNetVision.Native;

/// <summary>
/// libtorch writes its C++ warnings straight to the process's standard error, past any logger: on CPUs NNPACK does not
/// support (this AMD Zen 5 among them) every evaluation printed <c>Could not initialize NNPACK! Reason: Unsupported
/// hardware.</c> lines into the user's console, although libtorch then runs its own convolutions. libtorch reads its
/// level from <c>TORCH_CPP_LOG_LEVEL</c> only when <c>c10::initLogging()</c> runs, which PyTorch's Python module calls and
/// TorchSharp does not. So, unless the user set the variable, the process sets it to <c>ERROR</c> (errors still show,
/// warnings do not) and, once libtorch is loaded, calls <c>c10::initLogging()</c> (Linux and macOS, where the C++ name is
/// known; elsewhere libtorch keeps its default). <c>TORCH_CPP_LOG_LEVEL=WARNING</c> (or <c>INFO</c>) shows them again.
/// </summary>
internal static class TorchLogSettings
{
    public const string LogLevel = "TORCH_CPP_LOG_LEVEL";

    /// <summary>The Itanium C++ ABI name of <c>c10::initLogging()</c>.</summary>
    private const string InitLoggingSymbol = "_ZN3c1011initLoggingEv";

    /// <summary>Before libtorch loads: asks for errors only, unless the user chose a level.</summary>
    public static void ErrorsOnly() => NativeEnvironment.SetDefault(LogLevel, "ERROR");

    /// <summary>After libtorch loads: makes it read the level. True when it did.</summary>
    public static bool Apply()
    {
        string library = OperatingSystem.IsLinux() ? "libc10.so" : OperatingSystem.IsMacOS() ? "libc10.dylib" : "";
        if (library.Length == 0 || !NativeLibrary.TryLoad(library, typeof(TorchLogSettings).Assembly, null, out var handle)) return false;
        if (!NativeLibrary.TryGetExport(handle, InitLoggingSymbol, out var initLogging)) return false;
        Marshal.GetDelegateForFunctionPointer<InitLogging>(initLogging)();
        return true;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void InitLogging();
}
