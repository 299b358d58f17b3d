using MlNetVision.Registry;
using MlNetVision.Models;
using MlNetVision.Models.Imported;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Pretrained;
using MlNetVision.Tests.TestSupport;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Onnx;

public class MlNetResNet18ImportTests
{
    public MlNetResNet18ImportTests() => TorchRuntime.EnsureLoaded();

    private static Tensor SeededImage(int size, int seed)
    {
        var random = new Random(seed);
        return tensor(Enumerable.Range(0, 3 * size * size).Select(_ => random.NextSingle()).ToArray(), [1, 3, size, size]);
    }

    [Fact]
    public void ImportedBackbone_SameImage_MatchesOnnxRuntime()
    {
        var folder = MlNetResNet18Package.ModelsFolder();
        using var rgb01 = SeededImage(224, 11);
        var normalization = InputNormalization.ImageNet;
        using var model = (MlNetImageNetResNet18)ModelRegistry.Create("resnet18_mlnet_imagenet", new ModelSpec(10, 224, normalization));
        var log = new StringWriter();
        PretrainedLoader.Apply(model, null, log);
        model.eval();
        using var normalised = (rgb01 - tensor(normalization.Mean).reshape(1, 3, 1, 1)) / tensor(normalization.Std).reshape(1, 3, 1, 1);

        using var noGrad = no_grad();
        using var features = model.ForwardFeatures(normalised);
        using var preprocessed = OnnxRunner.Run(File.ReadAllBytes(Path.Combine(folder, MlNetResNet18Package.PreprocessFile)), "OriginalInput", rgb01 * 255, "PreprocessedInput");
        using var expected = OnnxRunner.Run(File.ReadAllBytes(Path.Combine(folder, MlNetResNet18Package.NetworkFile)), "Input247", preprocessed, "Pooling395_Output_0");

        Assert.Contains("loaded 110 tensors", log.ToString());
        Assert.Equal(new long[] { 1, 512 }, features.shape);
        float difference = Fixtures.MaxAbsDifference(features, expected.reshape(1, 512));
        Assert.True(difference <= 1e-3f, $"max abs difference {difference}");
        Assert.True(expected.abs().max().item<float>() > 0.5f, "the features must not be trivially small");
    }

    [Fact]
    public void Preprocess_SizeOtherThanMeanImage_GivesBgrOn255ScaleMinusChannelMeans()
    {
        using var model = (MlNetImageNetResNet18)ModelRegistry.Create("resnet18_mlnet_imagenet", new ModelSpec(10, 64, new InputNormalization([0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f])));
        using var rgb = tensor(new[] { 0.2f, 0.4f, 0.6f }).reshape(1, 3, 1, 1).expand(1, 3, 64, 64);
        var means = MlNetResNet18Package.Preprocessing.ChannelMeans();

        using var seen = model.Preprocess((rgb - 0.5f) / 0.5f);

        Assert.True(MlNetResNet18Package.Preprocessing.Bgr);
        Assert.Equal(0.6f * 255 - means[0], seen[0, 0, 10, 10].item<float>(), 3);
        Assert.Equal(0.4f * 255 - means[1], seen[0, 1, 0, 63].item<float>(), 3);
        Assert.Equal(0.2f * 255 - means[2], seen[0, 2, 63, 0].item<float>(), 3);
        Assert.InRange(means[0], 100f, 106f); // ImageNet's blue mean on the 0–255 scale
    }

    [Fact]
    public void Import_PackageNetwork_HasStagesOf2223BlocksAndAsymmetricStridePads()
    {
        var network = MlNetResNet18Package.Network;
        var ops = network.Graph.Ops;

        Assert.Equal(22, ops.Count(o => o.Kind == ConvGraphOpKind.Conv));
        Assert.Equal(22, ops.Count(o => o.Kind == ConvGraphOpKind.BatchNorm));
        Assert.Equal(9, ops.Count(o => o.Kind == ConvGraphOpKind.Add)); // 2 + 2 + 2 + 3 residual blocks
        Assert.Equal(new long[] { 3, 3, 2, 2 }, ops.First(o => o.Kind == ConvGraphOpKind.Conv).Pads);
        Assert.All(ops.Where(o => o.Kind == ConvGraphOpKind.Conv && o.Kernel[0] == 3 && o.Strides[0] == 2), o => Assert.Equal(new long[] { 1, 1, 0, 0 }, o.Pads));
        Assert.Equal(ConvGraphOpKind.GlobalAveragePool, ops[^1].Kind);
        Assert.Equal(2, network.Notes.Count);
        Assert.All(ops.Where(o => o.Kind is ConvGraphOpKind.Conv or ConvGraphOpKind.MaxPool), o => Assert.True(o.SameLowerPadding, o.Name));
        var padsAt224 = network.Graph.PadsAt(224, 224);
        Assert.All(ops.Where(o => o.Kind == ConvGraphOpKind.Conv), o => Assert.Equal(o.Pads, padsAt224[o.Name]));
        Assert.Equal((224L, 224L), network.InputSize);
        Assert.Equal(512, network.Graph.OutputChannels);
    }

    [Fact]
    public void Model_At112Px_ResidualShapesMatchAndOnnxExportAgrees()
    {
        using var model = (MlNetImageNetResNet18)ModelRegistry.Create("resnet18_mlnet_imagenet", new ModelSpec(10, 112));
        PretrainedLoader.Apply(model, null, TextWriter.Null);
        model.eval();
        using var images = SeededImage(112, 5);
        var pads = model.Backbone.Graph.PadsAt(112, 112);

        using var noGrad = no_grad();
        using var logits = model.forward(images);
        var onnx = ClassifierOnnxExporter.Export(model, new OnnxExportSettings(112, [0f, 0f, 0f], [1f, 1f, 1f], Enumerable.Range(0, 10).Select(i => $"c{i}").ToList()));
        using var exported = OnnxRunner.ClassifierLogits(onnx, images);

        var lastStrided = model.Backbone.Graph.Ops.Last(o => o.Kind == ConvGraphOpKind.Conv && o.Kernel[0] == 3 && o.Strides[0] == 2);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, pads[lastStrided.Name]); // 7×7 input: SAME_LOWER pads both sides
        Assert.Equal(new long[] { 1, 10 }, logits.shape);
        float difference = Fixtures.MaxAbsDifference(logits, exported);
        Assert.True(difference <= 1e-4f, $"max abs difference {difference}");
    }

    [Fact]
    public void Import_UnsupportedOperator_ErrorNamesNodeAndOperator()
    {
        var graph = new OnnxGraphBuilder();
        var input = graph.Input("image", OnnxGraphBuilder.ElementType.Float, 1, 3, 8, 8);
        graph.Output(graph.Node("Sigmoid", [input]), OnnxGraphBuilder.ElementType.Float, 1, 3, 8, 8);
        var model = ModelProto.Parser.ParseFrom(graph.ToBytes("test"));

        var error = Assert.Throws<NotSupportedException>(() => OnnxConvGraphImporter.Import(model, "tiny.onnx"));

        Assert.Contains("tiny.onnx: node Sigmoid", error.Message);
        Assert.Contains("operator Sigmoid is not supported", error.Message);
    }
}
