using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;
using TorchSharp;

namespace MlNetVision.Native;

/// <summary>
/// The one place that brings up libtorch. Call <see cref="EnsureLoaded"/> before the first tensor op:
/// it applies <see cref="LibStdCxxVersionFix"/> where the system needs it, runs a tensor op, and turns
/// any failure into a <see cref="TorchUnavailableException"/> that says what was tried.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static readonly StringBuilder Trace = new();
    private static bool _loaded;
    private static IntPtr _patchedHandle;
    private static bool _patchAttempted;
    private static bool _resolverInstalled;

    /// <summary>True when the patched copy of libLibTorchSharp is the one in use.</summary>
    public static bool UsesPatchedLibrary => _patchedHandle != IntPtr.Zero;

    /// <summary>What the loader decided, one line each.</summary>
    public static string LoadTrace { get { lock (Gate) return Trace.ToString(); } }

    /// <summary>
    /// Registers the fallback that supplies the patched library when .NET's own load of libLibTorchSharp
    /// fails. Idempotent and cheap (no I/O until the fallback is needed). It must run before the first
    /// use of <c>torch</c> in the process: TorchSharp's type initializer fails for good otherwise. This
    /// assembly's module initializer calls it; call it (or <see cref="EnsureLoaded"/>) first when your
    /// code touches <c>torch</c> before any MlNetVision type.
    /// </summary>
    public static void InstallResolver()
    {
        lock (Gate)
        {
            if (_resolverInstalled) return;
            OpenMpSettings.PreferPassiveWaiting();
            TorchLogSettings.ErrorsOnly();
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolvePatched;
            _resolverInstalled = true;
        }
    }

    /// <summary>Loads libtorch (once) and checks that a tensor op runs.</summary>
    /// <exception cref="TorchUnavailableException">libtorch cannot be loaded on this machine.</exception>
    public static void EnsureLoaded()
    {
        InstallResolver();
        lock (Gate)
        {
            if (_loaded) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
                using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2));
                if (probe.sum().item<float>() != 8f) throw new InvalidOperationException("a 2x2 matmul gave a wrong result");
                Trace.AppendLine(TorchLogSettings.Apply() ? $"libtorch log level from {TorchLogSettings.LogLevel}" : "libtorch log level: its default");
                _loaded = true;
            }
            catch (Exception e) when (e is not TorchUnavailableException)
            {
                throw new TorchUnavailableException(
                    "TorchSharp could not load libtorch on this machine. MlNetVision references TorchSharp-cpu " +
                    "(0.107.0, libtorch 2.10) and patches its libLibTorchSharp.so for older libstdc++ automatically; " +
                    "on Linux x64 check that the build restored TorchSharp-cpu and that the cache folder is writable " +
                    $"(set MLNETVISION_CACHE to move it).\nLoader decisions:\n{Trace}Cause: {e.Message}", e);
            }
        }
    }

    private static IntPtr ResolvePatched(System.Reflection.Assembly assembly, string name)
    {
        if (name is not ("LibTorchSharp" or LibStdCxxVersionFix.LibraryFileName)) return IntPtr.Zero;
        lock (Gate)
        {
            if (!_patchAttempted)
            {
                _patchAttempted = true;
                if (!LibStdCxxVersionFix.Enabled(Environment.GetEnvironmentVariable(LibStdCxxVersionFix.OptOutVariable)))
                {
                    Trace.AppendLine($"the libstdc++ fix is turned off ({LibStdCxxVersionFix.OptOutVariable})");
                    return IntPtr.Zero;
                }
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    _patchedHandle = LibStdCxxVersionFix.LoadPatchedIfNeeded(line => Trace.AppendLine(line));
                    Trace.AppendLine($"the libstdc++ fix took {clock.Elapsed.TotalMilliseconds:0} ms");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or DllNotFoundException or BadImageFormatException)
                {
                    Trace.AppendLine($"patching failed: {e.Message}");
                }
            }
            return _patchedHandle;
        }
    }
}

/// <summary>libtorch cannot be loaded; the message says what was tried.</summary>
public sealed class TorchUnavailableException(string message, Exception inner) : Exception(message, inner);
