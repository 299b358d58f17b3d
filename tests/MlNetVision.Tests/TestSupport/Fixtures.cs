using System.IO.Compression;
using MlNetVision.Native;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MlNetVision.Tests.TestSupport;

/// <summary>The PyTorch-written files of tests/fixtures (see make_fixtures.py there), copied beside the tests.</summary>
public static class Fixtures
{
    public static string PathOf(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", name);
        Assert.True(File.Exists(path), $"fixture {path} is missing: run tests/fixtures/make_fixtures.py");
        return path;
    }

    /// <summary>Decompresses a gzipped fixture into <paramref name="folder"/>; returns the file's path.</summary>
    public static string Gunzip(string name, string folder)
    {
        var target = Path.Combine(folder, Path.GetFileNameWithoutExtension(name));
        using var source = new GZipStream(File.OpenRead(PathOf(name)), CompressionMode.Decompress);
        using var file = File.Create(target);
        source.CopyTo(file);
        return target;
    }

    public static Dictionary<string, Tensor> Tensors(string name)
    {
        TorchRuntime.EnsureLoaded();
        return Safetensors.LoadStateDict(PathOf(name));
    }

    public static float MaxAbsDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
