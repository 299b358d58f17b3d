using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Registry;
using TorchSharp;

namespace MlNetVision.Tests.Onnx;

public class OnnxWeightsTests
{
    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        foreach (var entry in ModelRegistry.All.Where(e => !e.UserDefined)) data.Add(entry.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Read_EveryRegisteredModelsExport_GivesBackItsStateDict(string name)
    {
        TorchRuntime.EnsureLoaded();
        var entry = ModelRegistry.Get(name);
        torch.random.manual_seed(1);
        using var model = ModelRegistry.Create(name, new ModelSpec(3, entry.QuickImageSize));
        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(entry.QuickImageSize, [0f, 0f, 0f], [1f, 1f, 1f], ["a", "b", "c"]));

        var (stateDict, missing) = OnnxWeights.Read(model, onnx);

        // Only what the exported network never uses is missing: simple_vit_224's final norm applies to pre-norm layers only.
        Assert.Equal(name == "simple_vit_224" ? ["norm.weight", "norm.bias"] : [], missing);
        foreach (var (key, value) in model.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal) && !missing.Contains(p.Key)))
            Assert.True(stateDict[key].to_type(torch.ScalarType.Float32).allclose(value.to_type(torch.ScalarType.Float32))
                || IsCentreTapOf(stateDict[key], value), $"{key} differs");
        foreach (var tensor in stateDict.Values) tensor.Dispose();
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("vit")]
    public void Read_UserDefinedNetworks_GiveBackTheirStateDict(string kind)
    {
        TorchRuntime.EnsureLoaded();
        var spec = new ModelSpec(4, 16);
        using var model = new UserDefinedClassifier(spec, kind == "cnn" ? TestSupport.UserNetworks.EveryLayer(spec) : TestSupport.UserNetworks.Vit(spec));
        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(16, [0f, 0f, 0f], [1f, 1f, 1f], ["a", "b", "c", "d"]));

        var (stateDict, missing) = OnnxWeights.Read(model, onnx);

        Assert.Empty(missing);
        foreach (var (key, value) in model.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)))
            Assert.True(stateDict[key].allclose(value), $"{key} differs");
        foreach (var tensor in stateDict.Values) tensor.Dispose();
    }

    /// <summary>A convolution exported as its centre tap comes back with only that tap.</summary>
    private static bool IsCentreTapOf(torch.Tensor read, torch.Tensor original)
    {
        if (original.dim() != 4) return false;
        long h = original.shape[2] / 2, w = original.shape[3] / 2;
        using var centre = original[.., .., h, w].to_type(torch.ScalarType.Float32);
        return read[.., .., h, w].allclose(centre) && read.abs().sum().item<float>() - centre.abs().sum().item<float>() < 1e-3f;
    }
}
