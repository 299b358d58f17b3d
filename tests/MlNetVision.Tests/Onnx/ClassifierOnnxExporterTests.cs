using MlNetVision.Registry;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Pretrained;
using MlNetVision.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Onnx;

public class ClassifierOnnxExporterTests
{

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var entry in ModelRegistry.All)
        {
            data.Add(entry.Name, entry.QuickImageSize, entry.QuickImageSize);
        }
        data.Add("simple_cnn", 24, 32); // the exported graph resizes 24 px input to the model's 32 px
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Export_EveryRegisteredModel_OnnxRuntimeMatchesTorchSharp(string name, int pipelineSize, int modelSize)
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(3);
        using var model = ModelRegistry.Create(name, new ModelSpec(10, modelSize));
        if (model is IPretrainable { DefaultWeights.Bundled: not null }) PretrainedLoader.Apply(model, null, TextWriter.Null); // as training starts
        model.eval();
        float[] mean = [0.5f, 0.4f, 0.3f], std = [0.5f, 0.25f, 0.2f];
        using var pixels = torch.rand(2, 3, pipelineSize, pipelineSize);
        using var expected = Reference(model, pixels, modelSize, mean, std);

        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(pipelineSize, mean, std, Enumerable.Range(0, 10).Select(i => $"c{i}").ToList()));
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(pixels.data<float>().ToArray(), [2, 3 * pipelineSize * pipelineSize]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ClassifierOnnxExporter.FeaturesName, input)]);
        var logits = results.First(r => r.Name == ClassifierOnnxExporter.LogitsName).AsTensor<float>().ToArray();
        var scores = results.First(r => r.Name == ClassifierOnnxExporter.ScoreName).AsTensor<float>().ToArray();

        var want = expected.data<float>().ToArray();
        Assert.Equal(want.Length, logits.Length);
        Assert.True(want.Zip(logits).Max(p => Math.Abs(p.First - p.Second)) < 1e-4f,
            $"max abs difference {want.Zip(logits).Max(p => Math.Abs(p.First - p.Second))}");
        Assert.Equal(1f, scores.Take(10).Sum(), 4);
    }

    [Theory]
    [InlineData("cnn")]
    [InlineData("vit")]
    public void Export_UserDefinedNetworkOfEveryKnownLayer_OnnxRuntimeMatchesTorchSharp(string kind)
    {
        TorchRuntime.EnsureLoaded();
        torch.random.manual_seed(4);
        var spec = new ModelSpec(5, 16);
        using var model = new UserDefinedClassifier(spec, kind == "cnn" ? UserNetworks.EveryLayer(spec) : UserNetworks.Vit(spec));
        model.eval();
        float[] mean = [0.5f, 0.5f, 0.5f], std = [0.25f, 0.25f, 0.25f];
        using var pixels = torch.rand(3, 3, 16, 16);
        using var expected = Reference(model, pixels, 16, mean, std);

        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(16, mean, std, ["a", "b", "c", "d", "e"]));
        using var session = new InferenceSession(onnx);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ClassifierOnnxExporter.FeaturesName,
            new DenseTensor<float>(pixels.data<float>().ToArray(), [3, 3 * 16 * 16]))]);
        var logits = results.First(r => r.Name == ClassifierOnnxExporter.LogitsName).AsTensor<float>().ToArray();

        var want = expected.data<float>().ToArray();
        Assert.Equal(15, logits.Length);
        Assert.True(want.Zip(logits).Max(p => Math.Abs(p.First - p.Second)) < 1e-4f,
            $"max abs difference {want.Zip(logits).Max(p => Math.Abs(p.First - p.Second))}");
    }

    [Fact]
    public void Export_UnknownLayer_NamesItsPathAndType()
    {
        TorchRuntime.EnsureLoaded();
        var spec = new ModelSpec(3, 16);
        using var model = new UserDefinedClassifier(spec, UserNetworks.Unexportable(spec));

        var error = Assert.Throws<NotSupportedException>(() => ClassifierOnnxExporter.Export(model, new OnnxExportSettings(16, [0f, 0f, 0f], [1f, 1f, 1f], ["a", "b", "c"])));

        Assert.Contains("Softplus (network.act)", error.Message);
    }

    private static torch.Tensor Reference(ImageClassifier model, torch.Tensor pixels, int modelSize, float[] mean, float[] std)
    {
        using var noGrad = torch.no_grad();
        var x = pixels.shape[^1] == modelSize ? pixels
            : nn.functional.interpolate(pixels, size: [modelSize, modelSize], mode: InterpolationMode.Bilinear, align_corners: false);
        x = (x - torch.tensor(mean).reshape(1, 3, 1, 1)) / torch.tensor(std).reshape(1, 3, 1, 1);
        return model.forward(x);
    }
}
