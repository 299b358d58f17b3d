using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Pretrained;
using MlNetVision.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Pretrained;

/// <summary>Checkpoints written by PyTorch itself give PyTorch's logits (tests/fixtures/make_fixtures.py).</summary>
public class PyTorchFixtureTests
{
    public PyTorchFixtureTests() => TorchRuntime.EnsureLoaded();

    private const float Tolerance = 1e-4f;

    [Fact]
    public void ResNet18_TorchvisionPthCheckpoint_GivesPyTorchLogits()
    {
        using var temp = new TempFolder();
        var checkpoint = Fixtures.Gunzip("resnet18_sparse.pth.gz", temp.Path);
        var expected = Fixtures.Tensors("resnet18_sparse_expected.safetensors");
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        var log = new StringWriter();

        PretrainedLoader.Apply(model, checkpoint, log);
        model.eval();
        using var noGrad = no_grad();
        using var logits = model.forward(expected["input"]);

        Assert.Contains("loaded 122 tensors", log.ToString());
        Assert.True(Fixtures.MaxAbsDifference(logits, expected["logits"]) <= Tolerance, $"max abs difference {Fixtures.MaxAbsDifference(logits, expected["logits"])}");
        Assert.True(Fixtures.MaxAbsDifference(expected["logits"][0], expected["logits"][1]) > 0.1f, "the fixture's two images must give different logits");
    }

    [Fact]
    public void ResNet18_TorchvisionPthCheckpoint_OnnxExportGivesPyTorchLogits()
    {
        using var temp = new TempFolder();
        var checkpoint = Fixtures.Gunzip("resnet18_sparse.pth.gz", temp.Path);
        var expected = Fixtures.Tensors("resnet18_sparse_expected.safetensors");
        using var model = ModelRegistry.Create("resnet18", new ModelSpec(10, 64));
        PretrainedLoader.Apply(model, checkpoint, TextWriter.Null);

        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(64, [0f, 0f, 0f], [1f, 1f, 1f], Enumerable.Range(0, 10).Select(i => $"c{i}").ToList()));
        using var logits = OnnxRunner.ClassifierLogits(onnx, expected["input"]);

        Assert.True(Fixtures.MaxAbsDifference(logits, expected["logits"]) <= Tolerance, $"max abs difference {Fixtures.MaxAbsDifference(logits, expected["logits"])}");
    }

    private static TimmVisionTransformer ReducedDeit(int imageSize) =>
        new(new ModelSpec(10, imageSize), new TimmVitShape(Patch: 16, Dim: 48, Depth: 2, Heads: 3));

    [Theory]
    [InlineData("deit_reduced.safetensors")]
    [InlineData("deit_reduced.pth")]
    public void Deit_TimmNamedCheckpoint_GivesPyTorchLogits(string checkpoint)
    {
        var expected = Fixtures.Tensors("deit_reduced_expected.safetensors");
        using var model = ReducedDeit(48);
        var log = new StringWriter();

        PretrainedLoader.Apply(model, Fixtures.PathOf(checkpoint), log);
        model.eval();
        using var noGrad = no_grad();
        using var logits = model.forward(expected["input48"]);

        Assert.Contains("loaded 32 tensors", log.ToString());
        Assert.True(Fixtures.MaxAbsDifference(logits, expected["logits48"]) <= Tolerance, $"max abs difference {Fixtures.MaxAbsDifference(logits, expected["logits48"])}");
    }

    [Fact]
    public void Deit_CheckpointAtOtherInputSize_ResamplesPositionEmbeddingsAsTimm()
    {
        var expected = Fixtures.Tensors("deit_reduced_expected.safetensors");
        using var model = ReducedDeit(64);
        var log = new StringWriter();

        PretrainedLoader.Apply(model, Fixtures.PathOf("deit_reduced.safetensors"), log);
        model.eval();
        using var noGrad = no_grad();
        using var logits = model.forward(expected["input64"]);

        Assert.Contains("pos_embed resampled from 3×3 to 4×4 patches", log.ToString());
        Assert.True(Fixtures.MaxAbsDifference(logits, expected["logits64"]) <= Tolerance, $"max abs difference {Fixtures.MaxAbsDifference(logits, expected["logits64"])}");
    }

    [Fact]
    public void Deit_TimmNamedCheckpoint_OnnxExportGivesPyTorchLogits()
    {
        var expected = Fixtures.Tensors("deit_reduced_expected.safetensors");
        using var model = ReducedDeit(48);
        PretrainedLoader.Apply(model, Fixtures.PathOf("deit_reduced.safetensors"), TextWriter.Null);

        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(48, [0f, 0f, 0f], [1f, 1f, 1f], Enumerable.Range(0, 10).Select(i => $"c{i}").ToList()));
        using var logits = OnnxRunner.ClassifierLogits(onnx, expected["input48"]);

        Assert.True(Fixtures.MaxAbsDifference(logits, expected["logits48"]) <= Tolerance, $"max abs difference {Fixtures.MaxAbsDifference(logits, expected["logits48"])}");
    }
}
