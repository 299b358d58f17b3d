using System.Reflection;
using MlNetVision.Models;
using static MlNetVision.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace MlNetVision.Onnx;

/// <summary>What the exported graph does around the network.</summary>
/// <param name="PipelineImageSize">Side of the images in the <c>Features</c> vector (what <c>ExtractPixels</c> produced).</param>
/// <param name="Mean">Per-channel normalisation mean (on the [0,1] scale).</param>
/// <param name="Std">Per-channel normalisation standard deviation.</param>
/// <param name="ClassNames">Class names by index.</param>
/// <param name="TestTimeAugmentation">Views averaged at the logits (the network runs once on all views, batched).</param>
internal sealed record OnnxExportSettings(int PipelineImageSize, float[] Mean, float[] Std, IReadOnlyList<string> ClassNames,
    TestTimeAugmentationKind TestTimeAugmentation = TestTimeAugmentationKind.None);

/// <summary>
/// Exports a trained <see cref="ImageClassifier"/> as a complete ONNX classifier: input <c>Features</c>
/// <c>[N, 3·P·P]</c> (planar RGB in [0,1], as ML.NET's ExtractPixels gives it), bilinear resize to the
/// model's size when it differs (as the trainer does), normalisation, the network, and outputs
/// <c>Score</c> <c>[N, classes]</c> (softmax probabilities), <c>PredictedLabel</c> (class name) and <c>Logits</c>.
/// </summary>
internal static class ClassifierOnnxExporter
{
    /// <summary>Input value name.</summary>
    public const string FeaturesName = "Features";

    /// <summary>Probabilities output name.</summary>
    public const string ScoreName = "Score";

    /// <summary>Raw logits output name.</summary>
    public const string LogitsName = "Logits";

    /// <summary>Predicted class name output (string <c>[N]</c>), for ONNX consumers; the ML.NET zip reads <see cref="LogitsName"/> only.</summary>
    public const string PredictedLabelName = "PredictedLabel";

    /// <summary>
    /// A stand-in graph with the real export's input and outputs (types and ranks) but no network, for
    /// schema propagation before training (<c>GetOutputSchema</c>).
    /// </summary>
    public static byte[] ShapeProxy(int featureCount, IReadOnlyList<string> classNames)
    {
        var graph = new OnnxGraphBuilder();
        var features = graph.Input(FeaturesName, ElementType.Float, -1, featureCount);
        var logits = graph.Node("MatMul", [features, graph.FloatConstant("proxy_weight", new float[featureCount * classNames.Count], featureCount, classNames.Count)]);
        graph.Output(graph.Alias(logits, LogitsName), ElementType.Float, -1, classNames.Count);
        return Finish(graph, logits, classNames);
    }

    /// <summary>Adds the shared head: Score = softmax(logits), PredictedLabel = class name of the arg-max.</summary>
    private static byte[] Finish(OnnxGraphBuilder graph, string logits, IReadOnlyList<string> classNames)
    {
        int classes = classNames.Count;
        graph.Output(graph.Alias(graph.Node("Softmax", [logits], Int("axis", 1)), ScoreName), ElementType.Float, -1, classes);
        var best = graph.Node("ArgMax", [logits], Int("axis", 1), Int("keepdims", 0));
        var name = graph.Node("Gather", [graph.StringConstant("class_names", classNames), best], Int("axis", 0));
        graph.Output(graph.Alias(name, PredictedLabelName), ElementType.String, -1);
        return graph.ToBytes(typeof(ClassifierOnnxExporter).Assembly.GetName().Version?.ToString() ?? "0");
    }

    /// <summary>Exports <paramref name="model"/> (switched to eval mode for the duration).</summary>
    public static byte[] Export(ImageClassifier model, OnnxExportSettings settings)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            int p = settings.PipelineImageSize, s = model.Spec.ImageSize, classes = model.Spec.NumClasses;
            var graph = new OnnxGraphBuilder();
            var features = graph.Input(FeaturesName, ElementType.Float, -1, 3L * p * p);
            var image = graph.Node("Reshape", [features, graph.Int64Constant("image_shape", -1, 3, p, p)]);
            if (p != s)
            {
                var batchAndChannels = graph.Node("Slice", [graph.Node("Shape", [image]), graph.Int64Constant("zero", 0), graph.Int64Constant("two", 2)]);
                var sizes = graph.Node("Concat", [batchAndChannels, graph.Int64Constant("target_size", s, s)], Int("axis", 0));
                image = graph.Node("Resize", [image, "", "", sizes],
                    OnnxGraphBuilder.String("mode", "linear"), OnnxGraphBuilder.String("coordinate_transformation_mode", "half_pixel"));
            }
            var centred = graph.Node("Sub", [image, graph.FloatConstant("mean", settings.Mean, 1, 3, 1, 1)]);
            var normalised = graph.Node("Div", [centred, graph.FloatConstant("std", settings.Std, 1, 3, 1, 1)]);
            var convInputSizes = ConvInputSizes.Measure(model, s);
            var logits = TestTimeAugmentationGraph.Emit(graph, settings.TestTimeAugmentation, normalised, s, classes,
                views => new OnnxModuleExporter(graph, convInputSizes).Emit(model, views, ""));
            graph.Output(graph.Alias(logits, LogitsName), ElementType.Float, -1, classes);
            return Finish(graph, logits, settings.ClassNames);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
