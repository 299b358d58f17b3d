using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using TorchSharp.Modules;

namespace MlNetVision.Tests.Onnx;

public class ConvInputSizesTests
{
    [Fact]
    public void Measure_ResNet18At32_ShrinksToOnePixelInTheLastStage()
    {
        TorchRuntime.EnsureLoaded();
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 32));
        var convs = model.named_modules().Where(m => m.module is Conv2d).ToDictionary(m => m.name, m => (Conv2d)m.module);

        var sizes = ConvInputSizes.Measure(model, 32);

        Assert.Equal(convs.Count - 1, sizes.Count);                          // all but the stem, which runs through forward, not call
        Assert.Equal((8L, 8L), sizes[convs.Single(c => c.Key.EndsWith("layer1.0.conv1")).Value]);
        Assert.Equal((2L, 2L), sizes[convs.Single(c => c.Key.EndsWith("layer4.0.conv1")).Value]);
        Assert.Equal((1L, 1L), sizes[convs.Single(c => c.Key.EndsWith("layer4.1.conv2")).Value]);
        Assert.True(model.training);                                         // the mode is restored
    }

    [Fact]
    public void Export_ResNet18At32_WritesOnePixelConvolutionsAsTheirCentreTaps()
    {
        TorchRuntime.EnsureLoaded();
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 32));
        long weights = model.parameters().Sum(p => p.numel());
        var classNames = Enumerable.Range(0, 10).Select(i => $"c{i}").ToList();

        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(32, [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f], classNames));

        // layer4.0.conv2, layer4.1.conv1 and layer4.1.conv2 (512 × 512 × 3 × 3 each) see 1 × 1 inputs: 8/9 of their weights go.
        long dropped = 3 * 512L * 512 * 8;
        Assert.InRange(onnx.Length, 4 * (weights - dropped), 4 * (weights - dropped) + 400_000);
    }
}
