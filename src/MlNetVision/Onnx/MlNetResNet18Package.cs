using MlNetVision.Infrastructure;
using MlNetVision.Models;
using Onnx;
using static TorchSharp.torch;

namespace MlNetVision.Onnx;

/// <summary>
/// The ImageNet ResNet-18 of the NuGet package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>, whose build
/// props copy <c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c> (the network) and
/// <c>DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx</c> (RGB → BGR, minus a mean image) next to the
/// application. Both are read once per process: the network with <see cref="OnnxConvGraphImporter"/>, the
/// preprocessing by recognising its Split → Concat → Sub pattern.
/// </summary>
internal static class MlNetResNet18Package
{
    /// <summary>The folder the package's build props create beside the application.</summary>
    public const string ModelsFolderName = "DnnImageModels";

    /// <summary>The network, relative to <see cref="ModelsFolderName"/>.</summary>
    public static readonly string NetworkFile = Path.Combine("ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The preprocessing graph, relative to <see cref="ModelsFolderName"/>.</summary>
    public static readonly string PreprocessFile = Path.Combine("ResNetPrepOnnx", "ResNetPreprocess.onnx");

    private static readonly Lazy<(ImportedConvGraph Network, ImportedPreprocessing Preprocessing)> Imported = new(() =>
    {
        var folder = ModelsFolder();
        return (OnnxConvGraphImporter.Import(Path.Combine(folder, NetworkFile)), ReadPreprocessing(Path.Combine(folder, PreprocessFile)));
    });

    /// <summary>What the weights are.</summary>
    public const string Description = "ML.NET DnnImageFeaturizer ResNet18 (ImageNet, CNTK 2.6 ONNX from Microsoft.ML.DnnImageFeaturizer.ResNet18)";

    /// <summary>The imported network.</summary>
    public static ImportedConvGraph Network => Imported.Value.Network;

    /// <summary>The imported preprocessing.</summary>
    public static ImportedPreprocessing Preprocessing => Imported.Value.Preprocessing;

    /// <summary>Builds <see cref="MlNetImageNetResNet18"/> for <paramref name="spec"/>; its default weights are the package's.</summary>
    public static MlNetImageNetResNet18 CreateModel(ModelSpec spec)
    {
        var weights = new PretrainedWeights { Description = Description, Bundled = BackboneStateDict };
        return new MlNetImageNetResNet18(spec, Network.Graph, Preprocessing, weights);
    }

    /// <summary>The ONNX initializers as a state dict of <see cref="MlNetImageNetResNet18"/> (keys <c>backbone.&lt;op&gt;.*</c>; no head).</summary>
    public static Dictionary<string, Tensor> BackboneStateDict() =>
        Network.Weights.ToDictionary(p => $"backbone.{p.Key}", p => tensor(p.Value.Values, p.Value.Shape));

    /// <summary>Where the package's ONNX files are: <c>DnnImageModels</c> beside the application or beside this assembly.</summary>
    /// <exception cref="MlNetVisionException">Neither holds them.</exception>
    public static string ModelsFolder()
    {
        string[] candidates = [Path.Combine(AppContext.BaseDirectory, ModelsFolderName),
            Path.Combine(Path.GetDirectoryName(typeof(MlNetResNet18Package).Assembly.Location) ?? "", ModelsFolderName)];
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, NetworkFile)) && File.Exists(Path.Combine(c, PreprocessFile)))
            ?? throw new MlNetVisionException($"The ML.NET ResNet18 ONNX files ({NetworkFile}, {PreprocessFile}) are not in {string.Join(" or ", candidates.Distinct())}. " +
                                              "They come from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18, whose build step copies them next to the application: build the project that references it.");
    }

    /// <summary>
    /// Reads <c>ResNetPreprocess.onnx</c>: <c>Split</c> of the input into three channels, <c>Concat</c> of them in
    /// some order (B, G, R for this package), <c>Sub</c> of a mean-image initializer <c>[1, 3, S, S]</c>.
    /// </summary>
    public static ImportedPreprocessing ReadPreprocessing(string path)
    {
        using var stream = File.OpenRead(path);
        var graph = ModelProto.Parser.ParseFrom(stream).Graph;
        var where = Path.GetFileName(path);
        var split = graph.Node.SingleOrDefault(n => n.OpType == "Split");
        var concat = graph.Node.SingleOrDefault(n => n.OpType == "Concat");
        var sub = graph.Node.SingleOrDefault(n => n.OpType == "Sub");
        if (graph.Node.Count != 3 || split is null || concat is null || sub is null || split.Output.Count != 3 || concat.Input.Count != 3)
            throw new NotSupportedException($"{where}: expected Split → Concat → Sub, found {string.Join(", ", graph.Node.Select(n => n.OpType))}.");
        var order = concat.Input.Select(i => split.Output.IndexOf(i)).ToArray();
        bool bgr = order.SequenceEqual([2, 1, 0]);
        if (!bgr && !order.SequenceEqual([0, 1, 2]))
            throw new NotSupportedException($"{where}: channel order [{string.Join(", ", order)}] is neither RGB nor BGR.");
        var mean = graph.Initializer.Single(t => t.Name == sub.Input[1]);
        var data = OnnxConvGraphImporter.Read(mean, where);
        if (data.Shape.Length != 4 || data.Shape[1] != 3 || data.Shape[2] != data.Shape[3])
            throw new NotSupportedException($"{where}: the mean image must be [1, 3, S, S], found [{string.Join(", ", data.Shape)}].");
        return new ImportedPreprocessing(bgr, data.Values, (int)data.Shape[2]);
    }
}
