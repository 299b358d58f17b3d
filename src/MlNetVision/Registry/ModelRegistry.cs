using MlNetVision.Infrastructure;
using MlNetVision.Native;
using MlNetVision.Models;
using MlNetVision.Onnx;

namespace MlNetVision.Registry;

/// <summary>
/// Models by name, timm-style: <see cref="Create"/> builds one, <see cref="Names"/> lists them. Each entry
/// is a few lines over a parametric class. The registry is where models are wired: it is the one place in
/// Models that reaches into Onnx (for the ONNX-imported backbone).
/// </summary>
public static class ModelRegistry
{
    /// <summary>A registered model.</summary>
    /// <param name="Name">Registry name.</param>
    /// <param name="Description">One line for <c>list</c>.</param>
    /// <param name="DefaultImageSize">The input size it was designed for.</param>
    /// <param name="Build">Builds it.</param>
    /// <param name="SmokeImageSize">The smallest input size the architecture takes, for quick checks (0 = the default size).</param>
    public sealed record Entry(string Name, string Description, int DefaultImageSize, Func<ModelSpec, ImageClassifier> Build, int SmokeImageSize = 0)
    {
        /// <summary>Registered by the application (<see cref="Register"/>), not built in: the trainer checks that it
        /// exports to ONNX before training it.</summary>
        public bool UserDefined { get; init; }

        /// <summary>The size tests and smoke runs use.</summary>
        public int QuickImageSize => SmokeImageSize > 0 ? SmokeImageSize : DefaultImageSize;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Entry> Entries = new(new Entry[]
    {
        new("simple_cnn", "the seed's SimpleCNN: 2 conv layers + MLP (545,098 parameters at 32 px)", 32,
            spec => new SimpleCnn(spec)),
        new("fast_cnn", "airbench94's network: frozen 2x2 patch-whitening conv, conv groups 64/256/256 with max-pool, BatchNorm and GELU, logits x 1/9 (1,972,244 parameters at 32 px)", 32,
            spec => new FastCnn(spec, new FastCnnShape())),
        new("fast_cnn_bf16", "fast_cnn whose conv groups train in bfloat16 (AVX-512 BF16; weights, BatchNorm and inference stay fp32)", 32,
            spec => new FastCnn(spec, new FastCnnShape(TrainingConvType: TorchSharp.torch.ScalarType.BFloat16))),
        new("fast_cnn_bf16_learned_stem", "fast_cnn_bf16 whose first 2x2 layer is an ordinary trained convolution instead of the data whitening (ablation)", 32,
            spec => new FastCnn(spec, new FastCnnShape(TrainingConvType: TorchSharp.torch.ScalarType.BFloat16, DataWhitening: false))),
        new("cct_7_3x1", "Compact Convolutional Transformer CCT-7/3x1 (Hassani et al. 2021): one 3x3 conv tokenizer (256 tokens), 7 pre-norm layers of 256 dims, sequence pooling", 32,
            spec => new Cct(spec, CctShape.Cct7x3x1)),
        new("cct_4_3x2", "CCT-4/3x2: two 3x3 conv tokenizer layers (64 tokens), 4 pre-norm layers of 128 dims, 2 heads, sequence pooling (CPU-sized)", 32,
            spec => new Cct(spec, CctShape.Cct4x3x2)),
        new("hybrid_vit_3x192", "hybrid ViT: airbench's stem (2x2 whitening, conv groups 64/192 in bfloat16 for training, 49 tokens) + 3 pre-norm layers of 192 dims, 3 heads, sequence pooling (1,397,379 parameters at 32 px)", 32,
            spec => new Cct(spec, CctShape.Hybrid3x192)),
        new("simple_vit", "the seed's SimpleViT: patch 4, dim 128, depth 6, 4 heads, post-norm (1,205,898 parameters at 32 px)", 32,
            spec => new SimpleVit(spec, new VitShape())),
        new("simple_cnn_224", "the seed's wider 224-px CNN: 2 conv layers + Linear(64·56·56→256)", 224,
            spec => new SimpleCnn(spec, hidden: 256), SmokeImageSize: 32),
        new("simple_vit_224", "the seed's 224-px ViT: patch 16, dim 128, 4 standard post-norm encoder layers (ReLU, FF 2048), 4 heads", 224,
            spec => new EncoderVit(spec, new EncoderVitShape()), SmokeImageSize: 32),
        new("simple_vit_224_prenorm", "simple_vit_224 made trainable: pre-norm layers, GELU, FF 512, final LayerNorm, small embedding init", 224,
            spec => new EncoderVit(spec, new EncoderVitShape(FeedForward: 512, NormFirst: true, Gelu: true, UnitNormalEmbeddings: false)), SmokeImageSize: 32),
        new("resnet18", "torchvision's ResNet-18 (TorchVision), new head; ImageNet weights: resnet18-f37072fd.pth (11,181,642 parameters for 10 classes)", 224,
            spec => new TorchVisionResNet18(spec), SmokeImageSize: 32),
        new("resnet18_mlnet_imagenet", "ML.NET's ImageNet ResNet-18 (DnnImageFeaturizer ONNX, stages 2-2-2-3) imported as a trainable backbone + new head; weights offline (15,902,282 parameters for 10 classes)", 224,
            spec => MlNetResNet18Package.CreateModel(spec), SmokeImageSize: 64),
        new("deit_tiny_patch16_224", "timm's DeiT-tiny: patch 16, 192 dims, 12 blocks, 3 heads, pre-norm (5,526,346 parameters for 10 classes at 224 px)", 224,
            spec => new TimmVisionTransformer(spec, TimmVitShape.DeitTiny, DeitWeights.Tiny), SmokeImageSize: 32),
    }.ToDictionary(e => e.Name));

    /// <summary>Registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => Entries.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every entry, sorted by name.</summary>
    public static IReadOnlyList<Entry> All => Names.Select(n => Entries[n]).ToList();

    /// <summary>The entry for <paramref name="name"/>.</summary>
    /// <exception cref="MlNetVisionException">Unknown name; the message suggests the nearest.</exception>
    public static Entry Get(string name) =>
        Entries.TryGetValue(name, out var entry) ? entry
        : throw new MlNetVisionException($"Unknown model '{name}'.{NameSuggestion.DidYouMean(name, Names)} Registered models: {string.Join(", ", Names)}.");

    /// <summary>
    /// Registers the application's own network under <paramref name="name"/>, so that experiments, the trainer's
    /// <c>ModelName</c>, checkpoints and <c>list</c> reach it like a built-in model. <paramref name="build"/> gets the class
    /// count and input size and returns any <c>Module&lt;Tensor, Tensor&gt;</c> from <c>[N, 3, S, S]</c> to
    /// <c>[N, classes]</c> logits (wrapped in <see cref="UserDefinedClassifier"/>). Register before training or resuming.
    /// </summary>
    /// <exception cref="MlNetVisionException">The name is taken or empty, or the size is not positive.</exception>
    public static Entry Register(string name, string description, int defaultImageSize, Func<ModelSpec, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>> build)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace)) throw new MlNetVisionException($"A model name must be one word without spaces (got '{name}').");
        if (defaultImageSize <= 0) throw new MlNetVisionException($"Model '{name}': the default image size must be positive (got {defaultImageSize}).");
        ArgumentNullException.ThrowIfNull(build);
        var entry = new Entry(name, description, defaultImageSize, spec => new UserDefinedClassifier(spec, build(spec))) { UserDefined = true };
        if (!Entries.TryAdd(name, entry)) throw new MlNetVisionException($"A model named '{name}' is already registered; choose another name.");
        return entry;
    }

    /// <summary>Builds a model (initialised from the current torch seed).</summary>
    public static ImageClassifier Create(string name, ModelSpec spec)
    {
        var entry = Get(name);
        TorchRuntime.EnsureLoaded();
        return entry.Build(spec);
    }
}
