using MlNetVision.Registry;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Models;

public class TestTimeAugmentationTests
{
    [Theory]
    [InlineData(TestTimeAugmentationKind.None)]
    [InlineData(TestTimeAugmentationKind.Flip)]
    [InlineData(TestTimeAugmentationKind.FlipTranslate)]
    public void Weights_EveryKind_SumToOneOverItsViews(TestTimeAugmentationKind kind)
    {
        TorchRuntime.EnsureLoaded();
        using var images = rand(2, 3, 8, 8);

        Assert.Equal(1.0, TestTimeAugmentation.Weights(kind).Sum(), 12);
        Assert.Equal(TestTimeAugmentation.Weights(kind).Length, TestTimeAugmentation.Views(images, kind).Count);
    }

    [Fact]
    public void Views_FlipTranslate_ShiftsByOnePixelWithReflection()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var images = arange(16f).view(1, 1, 4, 4);

        var views = TestTimeAugmentation.Views(images, TestTimeAugmentationKind.FlipTranslate);

        Assert.Equal(new float[] { 3, 2, 1, 0 }, views[1][0, 0, 0].data<float>().ToArray());      // mirror of row 0
        Assert.Equal(new float[] { 5, 4, 5, 6 }, views[2][0, 0, 0].data<float>().ToArray());      // shifted: reflected row 1, column -1..2
        Assert.Equal(new float[] { 5, 6, 7, 6 }, views[4][0, 0, 0].data<float>().ToArray());      // shifted the other way: row 1, columns 1..4
    }

    [Theory]
    [InlineData(TestTimeAugmentationKind.Flip)]
    [InlineData(TestTimeAugmentationKind.FlipTranslate)]
    public void Export_WithTestTimeAugmentation_OnnxRuntimeMatchesTorchSharp(TestTimeAugmentationKind kind)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.random.manual_seed(4);
        using var model = ModelRegistry.Create("simple_cnn", new ModelSpec(10, 32));
        model.eval();
        var pixels = rand(3, 3, 32, 32);
        torch.Tensor expected;
        using (no_grad()) expected = TestTimeAugmentation.Logits(model, pixels, kind);   // mean 0, std 1: the pixels are the normalised input

        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(32, [0f, 0f, 0f], [1f, 1f, 1f],
            Enumerable.Range(0, 10).Select(i => $"c{i}").ToList(), kind));
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(pixels.data<float>().ToArray(), [3, 3 * 32 * 32]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ClassifierOnnxExporter.FeaturesName, input)]);
        var logits = results.First(r => r.Name == ClassifierOnnxExporter.LogitsName).AsTensor<float>().ToArray();

        var want = expected.data<float>().ToArray();
        Assert.Equal(want.Length, logits.Length);
        Assert.True(want.Zip(logits).Max(p => Math.Abs(p.First - p.Second)) < 1e-4f);
        using var plain = model.call(pixels);
        Assert.True(plain.sub(expected).abs().max().item<float>() > 1e-4f);    // the views really changed the logits
    }
}
