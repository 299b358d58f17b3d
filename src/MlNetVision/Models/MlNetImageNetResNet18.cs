using MlNetVision.Models.Imported;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models;

/// <summary>
/// The ImageNet ResNet-18 that ships with ML.NET (<c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>: a CNTK 2.6
/// ONNX export with stages of 2, 2, 2, 3 blocks and asymmetric stride-2 padding) imported as a trainable
/// backbone (<see cref="ImportedConvNet"/>, parameters named after the ONNX nodes under <c>backbone.</c>) plus
/// a new linear head <c>fc</c>. Its forward pass first turns the pipeline-normalised RGB input back into
/// what the network was trained on, as the package's <c>ResNetPreprocess.onnx</c> does: B, G, R on the
/// 0–255 scale minus the mean image (at its native 224 px) or the mean image's per-channel means (at other
/// sizes). The backbone's global average pool makes it work at any input size.
/// </summary>
internal sealed class MlNetImageNetResNet18 : ImageClassifier, IPretrainable, IFeatureExtractor
{
    private const string ScaleBuffer = "input_scale";
    private const string ShiftBuffer = "input_shift";

#pragma warning disable IDE1006 // PyTorch-style names, so the state dict reads backbone.* and fc.*
    private readonly ImportedConvNet backbone;
    private readonly Linear fc;
#pragma warning restore IDE1006
    private readonly long[] _channelOrder;

    /// <summary>Builds the network from an imported graph (random initialisation; the ImageNet weights come from
    /// <paramref name="weights"/>, loaded by the pretrained loader).</summary>
    public MlNetImageNetResNet18(ModelSpec spec, ConvGraph graph, ImportedPreprocessing preprocessing, PretrainedWeights? weights) : base("MlNetImageNetResNet18", spec)
    {
        backbone = new ImportedConvNet(graph);
        fc = Linear(graph.OutputChannels, spec.NumClasses);
        DefaultWeights = weights;
        Preprocessing = preprocessing;
        RegisterComponents();
        foreach (var (_, module) in backbone.named_modules())
        {
            if (module is Conv2d conv) init.kaiming_normal_(conv.weight!, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
        }

        // x_pipeline = (rgb01 − mean) / std  →  network input = 255·rgb01[order] − meanImage
        _channelOrder = preprocessing.Bgr ? [2, 1, 0] : [0, 1, 2];
        var normalization = spec.Normalization;
        var scale = _channelOrder.Select(c => 255f * normalization.Std[c]).ToArray();
        var offset = _channelOrder.Select(c => 255f * normalization.Mean[c]).ToArray();
        var inputScale = tensor(scale).reshape(1, 3, 1, 1);
        Tensor inputShift;
        if (spec.ImageSize == preprocessing.MeanImageSize)
        {
            int s = preprocessing.MeanImageSize;
            using var meanImage = tensor(preprocessing.MeanImage).reshape(1, 3, s, s);
            using var offsetTensor = tensor(offset).reshape(1, 3, 1, 1);
            inputShift = offsetTensor - meanImage;
        }
        else
        {
            var means = preprocessing.ChannelMeans();
            inputShift = tensor(offset.Select((o, c) => o - means[c]).ToArray()).reshape(1, 3, 1, 1);
        }
        register_buffer(ScaleBuffer, inputScale, persistent: false);
        register_buffer(ShiftBuffer, inputShift, persistent: false);
    }

    /// <summary>The imported backbone.</summary>
    public ImportedConvNet Backbone => backbone;

    /// <summary>The classifier head <c>fc</c>.</summary>
    public Linear Fc => fc;

    /// <summary>The network's input convention.</summary>
    public ImportedPreprocessing Preprocessing { get; }

    /// <summary>Channel indices of the pipeline's RGB input in the network's order.</summary>
    public IReadOnlyList<long> ChannelOrder => _channelOrder;

    /// <summary>Per-channel multiplier <c>[1, 3, 1, 1]</c> applied after reordering channels.</summary>
    public Tensor InputScale => get_buffer(ScaleBuffer)!;

    /// <summary>Added after scaling: <c>[1, 3, S, S]</c> at the native size, else <c>[1, 3, 1, 1]</c>.</summary>
    public Tensor InputShift => get_buffer(ShiftBuffer)!;

    /// <inheritdoc />
    public IReadOnlyList<string> HeadPrefixes => ["fc."];

    /// <inheritdoc />
    public PretrainedWeights? DefaultWeights { get; }

    /// <inheritdoc />
    public int FeatureCount => (int)backbone.Graph.OutputChannels;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Head => fc;

    /// <summary>What the imported network sees for a pipeline-normalised RGB batch, in the batch's type (the float32
    /// buffers are not converted with the network).</summary>
    public Tensor Preprocess(Tensor input)
    {
        using var scope = NewDisposeScope();
        var reordered = Preprocessing.Bgr ? input.flip(1) : input;
        return (reordered * InputScale + InputShift).to(input.dtype).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public Tensor ForwardFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        return backbone.forward(Preprocess(input)).flatten(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return fc.forward(ForwardFeatures(input)).MoveToOuterDisposeScope();
    }
}
