using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MlNetVision.Native;

/// <summary>Installs the libLibTorchSharp fallback as soon as this assembly loads, before any torch use.</summary>
internal static class ModuleInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The resolver must exist before TorchSharp's type initializer runs; it does no I/O.")]
    internal static void Initialize() => TorchRuntime.InstallResolver();
}
