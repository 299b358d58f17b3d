using System.Runtime.InteropServices;

namespace MlNetVision.Native;

/// <summary>
/// libtorch's <c>torch.set_flush_denormal</c>, which TorchSharp 0.107 does not expose: it calls the exported static
/// <c>at::Context::setFlushDenormal(bool)</c> of the loaded <c>libtorch_cpu</c>. That sets the SSE flush-to-zero and
/// denormals-are-zero flags of the calling thread, as PyTorch does; threads started afterwards (libtorch's OpenMP
/// workers are started at the first parallel region) inherit them. Tiny values then become zero instead of taking
/// the slow denormal path (a collapsing loss or weight decay can otherwise slow steps down several times).
/// </summary>
internal static unsafe class FlushDenormal
{
    private const string Library = "libtorch_cpu.so";
    private const string Symbol = "_ZN2at7Context16setFlushDenormalEb";
    private static readonly Lazy<nint> Setter = new(FindSetter);

    /// <summary>Turns flushing on; false when libtorch or the CPU does not support it (nothing changed).</summary>
    public static bool Enable() => Set(true);

    /// <summary>Turns flushing on or off for the calling thread; false when unsupported.</summary>
    public static bool Set(bool on)
    {
        var address = Setter.Value;
        if (address == 0) return false;
        var setFlushDenormal = (delegate* unmanaged<byte, byte>)address;
        return setFlushDenormal(on ? (byte)1 : (byte)0) != 0;
    }

    private static nint FindSetter()
    {
        TorchRuntime.EnsureLoaded();
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(Library, out var handle)) return 0;
        return NativeLibrary.TryGetExport(handle, Symbol, out var address) ? address : 0;
    }
}
