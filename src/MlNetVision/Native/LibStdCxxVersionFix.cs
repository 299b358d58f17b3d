using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MlNetVision.Infrastructure;

namespace MlNetVision.Native;

/// <summary>
/// TorchSharp-cpu 0.107's <c>libLibTorchSharp.so</c> was linked with GCC 13 and declares a need for
/// <c>GLIBCXX_3.4.32</c>, which Debian 12 and Ubuntu 22.04 lack, although it binds no symbol of that
/// version at run time. Where the system <c>libstdc++.so.6</c> lacks a version the library needs, this
/// writes a copy of the library into the cache with only those <c>.gnu.version_r</c> entries marked weak
/// (the NuGet cache and the build output are never touched) and loads that copy instead.
/// </summary>
internal static class LibStdCxxVersionFix
{
    /// <summary>The native library TorchSharp P/Invokes.</summary>
    public const string LibraryFileName = "libLibTorchSharp.so";

    private const string StdCxx = "libstdc++.so.6";

    /// <summary>The environment variable that turns the fix off: <c>MLNETVISION_LIBSTDCXX_FIX=off</c> (libtorch then loads
    /// only where the system's libstdc++ is new enough, GCC 13 or later).</summary>
    public const string OptOutVariable = "MLNETVISION_LIBSTDCXX_FIX";

    /// <summary>False when <paramref name="optOutValue"/> (the value of <see cref="OptOutVariable"/>) turns the fix off.</summary>
    public static bool Enabled(string? optOutValue) =>
        !string.Equals(optOutValue?.Trim(), "off", StringComparison.OrdinalIgnoreCase) && optOutValue?.Trim() != "0";

    /// <summary>Versions of <c>libstdc++.so.6</c> that <paramref name="library"/> needs and <paramref name="available"/> lacks (weak ones excluded).</summary>
    public static IReadOnlyList<VersionNeed> MissingVersions(ElfImage library, IReadOnlySet<string> available) =>
        library.VersionNeeds()
            .Where(n => n.Library == StdCxx && !n.IsWeak && !available.Contains(n.Version))
            .ToList();

    /// <summary>Returns a copy of the library bytes with the given needs marked weak.</summary>
    public static byte[] Patch(ElfImage library, IEnumerable<VersionNeed> needs)
    {
        var copy = ElfImage.FromBytes(library.Bytes.ToArray(), library.Source);
        foreach (var need in needs) copy.MarkWeak(need);
        return copy.Bytes.ToArray();
    }

    /// <summary>
    /// Loads a patched copy of <c>libLibTorchSharp.so</c> when the system needs one, and returns its handle;
    /// returns <see cref="IntPtr.Zero"/> when nothing needs fixing (the ordinary load then works).
    /// </summary>
    /// <param name="log">Receives one line per decision, for error messages.</param>
    public static IntPtr LoadPatchedIfNeeded(Action<string> log)
    {
        if (!OperatingSystem.IsLinux()) return IntPtr.Zero;
        var original = NativeSearchPath.Find(LibraryFileName);
        if (original is null) { log($"{LibraryFileName} not found in: {string.Join(", ", NativeSearchPath.Folders())}"); return IntPtr.Zero; }
        var stdcxx = LoadedLibraryPath(StdCxx);
        if (stdcxx is null) { log($"{StdCxx} is not loaded in this process"); return IntPtr.Zero; }

        var library = ElfImage.Load(original);
        var missing = MissingVersions(library, ElfImage.Load(stdcxx).VersionDefinitions());
        if (missing.Count == 0) { log($"{stdcxx} provides every version {original} needs"); return IntPtr.Zero; }
        log($"{stdcxx} lacks {string.Join(", ", missing.Select(m => m.Version))} needed by {original}; loading a copy with them marked weak");

        var patchedPath = PatchedCopyPath(original);
        if (!File.Exists(patchedPath)) AtomicFile.WriteAllBytes(patchedPath, Patch(library, missing));

        // The copy lives outside the package folder, so $ORIGIN no longer finds libtorch: load its
        // dependencies from beside the original first; the loader then matches them by soname.
        foreach (var needed in library.NeededLibraries())
        {
            var sibling = NativeSearchPath.Find(needed);
            if (sibling is not null) NativeLibrary.Load(sibling);
        }
        var handle = NativeLibrary.Load(patchedPath);
        log($"loaded {patchedPath}");
        return handle;
    }

    private static string PatchedCopyPath(string original)
    {
        using var stream = File.OpenRead(original);
        var hash = Convert.ToHexString(SHA256.HashData(stream))[..16].ToLowerInvariant();
        return Path.Combine(CacheFolders.Get("native", hash), LibraryFileName);
    }

    /// <summary>The file behind a library this process has loaded, read from <c>/proc/self/maps</c>.</summary>
    private static string? LoadedLibraryPath(string fileName)
    {
        if (!NativeLibrary.TryLoad(fileName, out _)) return null;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            var path = line[slash..].Trim();
            var name = Path.GetFileName(path);
            if (name == fileName || name.StartsWith(fileName + ".", StringComparison.Ordinal)) return path;
        }
        return null;
    }
}
