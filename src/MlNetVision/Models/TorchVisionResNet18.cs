using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// torchvision's ResNet-18, built by TorchVision (<c>torchvision.models.resnet18</c>) with the head replaced for
/// <see cref="ModelSpec.NumClasses"/> classes. Its layers are re-hosted under their own names (<c>conv1</c>,
/// <c>bn1</c>, <c>layer1.0.conv1</c>, ..., <c>layer4.1.bn2</c>, <c>fc</c>), so its state dict is torchvision's
/// and a torchvision checkpoint (<c>resnet18-f37072fd.pth</c>) loads strictly; the 1000-class <c>fc</c> is
/// replaced when fine-tuning for fewer classes. Expects ImageNet-normalised input.
/// </summary>
internal sealed class TorchVisionResNet18 : ImageClassifier, IPretrainable, IFeatureExtractor
{
    /// <summary>torchvision's ImageNet-1k weights (IMAGENET1K_V1, top-1 69.758%).</summary>
    public static readonly PretrainedWeights ImageNetWeights = new()
    {
        Description = "torchvision ResNet18 ImageNet-1k (IMAGENET1K_V1)",
        FileName = "resnet18-f37072fd.pth",
        DownloadUri = new Uri("https://download.pytorch.org/models/resnet18-f37072fd.pth"),
        Sha256Prefix = "f37072fd",
        AlternativeSource = "use the model resnet18_mlnet_imagenet, whose ImageNet weights ship with ML.NET's NuGet package and need no download",
    };

    private readonly ResNet _torchvision;
    private readonly List<(string Name, nn.Module<Tensor, Tensor> Module)> _backbone = [];
    private readonly Linear _fc;

    /// <summary>Builds the network (torchvision's initialisation).</summary>
    public TorchVisionResNet18(ModelSpec spec) : base("ResNet18", spec)
    {
        _torchvision = torchvision.models.resnet18(num_classes: spec.NumClasses);
        Linear? fc = null;
        foreach (var (name, child) in _torchvision.named_children())
        {
            register_module(name, child);
            if (name == "fc") fc = (Linear)child;
            else _backbone.Add((name, (nn.Module<Tensor, Tensor>)child));
        }
        _fc = fc ?? throw new InvalidOperationException("TorchVision's ResNet has no 'fc' layer.");
    }

    /// <summary>The layers before the head, in forward order, with their torchvision names
    /// (conv1, bn1, relu, maxpool, layer1–layer4, avgpool, flatten).</summary>
    public IReadOnlyList<(string Name, nn.Module<Tensor, Tensor> Module)> Backbone => _backbone;

    /// <summary>The classifier head <c>fc</c>.</summary>
    public Linear Fc => _fc;

    /// <inheritdoc />
    public IReadOnlyList<string> HeadPrefixes => ["fc."];

    /// <inheritdoc />
    public PretrainedWeights? DefaultWeights => ImageNetWeights;

    /// <inheritdoc />
    public int FeatureCount => 512;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Head => _fc;

    /// <inheritdoc />
    public Tensor ForwardFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var (_, module) in _backbone) x = module.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _fc.forward(ForwardFeatures(input)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _torchvision.Dispose();
    }
}
