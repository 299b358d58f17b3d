using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MlNetVision.Native;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Tests may touch <c>torch</c> before any MlNetVision type: install the loader fallback first.</summary>
internal static class TorchSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Must run before any test touches torch.")]
    internal static void Initialize() => TorchRuntime.InstallResolver();
}
