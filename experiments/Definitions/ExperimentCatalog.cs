using MlNetVision.Onnx;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Training;
using MlNetVision.Experiments.Definitions.Recipes;

namespace MlNetVision.Experiments.Definitions;

/// <summary>
/// Every experiment, by name. The seed study's recipes are here; the airbench-derived ones each read top to bottom in one
/// file of <c>Definitions/Recipes</c> (<see cref="FastCnn94"/>, <see cref="FastCnn94Muon"/>, <see cref="HybridVitFromScratch"/>).
/// </summary>
public static class ExperimentCatalog
{
    /// <summary>The seed study's recipe: Adam, learning rate 1e-3, batch 64, 10 epochs, normalisation (x − 0.5) / 0.5, 32 px.</summary>
    public static readonly TorchImageClassifierOptions SeedRecipe = new()
    {
        Optimizer = OptimizerKind.Adam,
        LearningRate = 1e-3,   // per step
        BatchSize = 64,        // images
        Epochs = 10,           // passes over the 50,000 training images
        Mean = [0.5f, 0.5f, 0.5f],
        Std = [0.5f, 0.5f, 0.5f],
    };

    /// <summary>The seed study's augmentation: horizontal flip, 4-px crop, colour jitter 0.2, rotation ±15°.</summary>
    public const string SeedAugmentation = "flip,crop:pad=4,jitter:brightness=0.2:contrast=0.2:saturation=0.2,rotate:degrees=15";

    /// <summary>
    /// The seed study's 224-px recipe: RandAugment (2 ops, magnitude 9) on 32-px images, upsized to 224 px in the trainer.
    /// Channels-last batches only where <c>bench --image-size 224 --steps 20</c> measured a gain in training images/s:
    /// simple_cnn_224 62.2 vs 58.3 NCHW; not the ViTs (simple_vit_224 19.9 vs 21.5, simple_vit_224_prenorm 52.4 vs 50.5).
    /// </summary>
    private static readonly TorchImageClassifierOptions Seed224 = SeedRecipe with { ImageSize = 224, Augmentation = "randaugment:n=2:m=9" };

    /// <summary>
    /// The seed's fine-tuning recipe: the seed recipe from ImageNet weights (the model's default) at 224 px, 3 epochs,
    /// ImageNet normalisation.
    /// </summary>
    public static readonly TorchImageClassifierOptions FineTuneRecipe = SeedRecipe with
    {
        ImageSize = 224,       // the 32-px pipeline is upsampled inside the trainer
        Epochs = 3,
        Mean = InputNormalization.ImageNet.Mean,
        Std = InputNormalization.ImageNet.Std,
    };

    /// <summary>
    /// <see cref="FineTuneRecipe"/> for the ResNet-18s at 224 px, on the CPU's fast path: channels-last batches and
    /// bfloat16 steps over float32 master weights. Training images/s of <c>bench --model resnet18_mlnet_imagenet
    /// --image-size 224 --steps 4</c> on 2 cores of an Intel Xeon with AMX (2026-12-06): 8.8 float32 channels-last,
    /// 25.4 with <c>--bf16 --channels-last</c>, 18.1 <c>--bf16 --nchw</c>; the trainer on 1,280 images (20 steps, from the
    /// first): 12 float32, 19 bfloat16. On an AMD Zen 5 (2026-12-05, float32 only): 19.1 channels-last, 16.7 NCHW.
    /// The optimizer is the fused Adam already.
    /// </summary>
    public static readonly TorchImageClassifierOptions ResNetFineTuneRecipe = FineTuneRecipe with
    {
        ChannelsLast = true,
        Precision = TrainingPrecision.Bfloat16,
    };

    /// <summary>DeiT's variant of <see cref="FineTuneRecipe"/>: AdamW 3e-4.</summary>
    public static readonly TorchImageClassifierOptions DeitFineTuneRecipe = FineTuneRecipe with
    {
        ModelName = "deit_tiny_patch16_224", Optimizer = OptimizerKind.AdamW, LearningRate = 3e-4,
    };

    /// <summary>The frozen-backbone variant: features once, then 10 epochs of the head alone (cheap: a linear layer).</summary>
    public static readonly TorchImageClassifierOptions FrozenRecipe = FineTuneRecipe with { FreezeBackbone = true, Epochs = 10 };

    /// <summary>
    /// A fine-tune that fits a 2-core CPU: 112 px (a quarter of the 224-px step cost), 2 epochs, Nesterov SGD at 0.01
    /// (gentler on ImageNet features than Adam 1e-3) with 5 % warm-up and cosine decay, weight decay 5e-4, label
    /// smoothing 0.1, and flip + 4-px reflect crop on the 32-px images.
    /// </summary>
    public static readonly TorchImageClassifierOptions CpuFineTuneRecipe = FineTuneRecipe with
    {
        ImageSize = 112,       // px
        Epochs = 2,
        Optimizer = OptimizerKind.Sgd,
        LearningRate = 0.01,   // peak, per step
        WeightDecay = 5e-4,
        Schedule = LearningRateScheduleKind.Cosine,
        WarmupFraction = 0.05, // of all steps
        LabelSmoothing = 0.1,
        Augmentation = "flip,crop:pad=4:mode=reflect",
    };

    /// <summary>
    /// A from-scratch transformer recipe for a CPU budget, after CCT's CIFAR recipe (Hassani et al. 2021: AdamW, weight
    /// decay 0.06, label smoothing 0.1, warm-up + cosine, stochastic depth 0.1 in the model) shortened from 300 epochs
    /// to 15: lighter augmentation (flip + 4-px reflect crop instead of AutoAugment + Mixup/CutMix, which pay off only
    /// over long schedules) and a higher peak rate for the short run.
    /// </summary>
    public static readonly TorchImageClassifierOptions CctRecipe = new()
    {
        ModelName = "cct_4_3x2",
        NormalizationFromData = true,      // per-channel mean and std of the training images
        Epochs = 15,
        BatchSize = 128,                   // images per step
        Optimizer = OptimizerKind.AdamW,
        LearningRate = 1e-3,               // peak, per step
        WeightDecay = 0.06,                // decoupled (AdamW)
        Schedule = LearningRateScheduleKind.Cosine,
        WarmupFraction = 0.1,              // of all steps
        LabelSmoothing = 0.1,
        Augmentation = "flip,crop:pad=4:mode=reflect",
        ChannelsLast = true,
    };

    private const string Mlnet = "resnet18_mlnet_imagenet";

    /// <summary>All experiments.</summary>
    public static readonly IReadOnlyList<Experiment> All =
    [
        new("simple-cnn", "the seed's SimpleCNN at 32 px, Adam 1e-3, batch 64, 10 epochs (seed: 0.7145)", 32,
            SeedRecipe with { ModelName = "simple_cnn" }, PublishedAccuracy: 0.7145),
        new("simple-vit", "the seed's SimpleViT (patch 4, dim 128, depth 6) at 32 px, Adam 1e-3, batch 64, 10 epochs (seed: 0.6136)", 32,
            SeedRecipe with { ModelName = "simple_vit" }, PublishedAccuracy: 0.6136),
        new("simple-cnn-aug", "simple-cnn with the seed's augmentation (flip, crop 4, colour jitter 0.2, rotation 15°)", 32,
            SeedRecipe with { ModelName = "simple_cnn", Augmentation = SeedAugmentation }),
        new("simple-vit-aug", "simple-vit with the seed's augmentation (flip, crop 4, colour jitter 0.2, rotation 15°)", 32,
            SeedRecipe with { ModelName = "simple_vit", Augmentation = SeedAugmentation }),
        new("simple-cnn-224-randaugment", "the seed's wider CNN at 224 px with RandAugment(2, 9), Adam 1e-3, batch 64, 10 epochs (seed: 0.5538)", 32,
            Seed224 with { ModelName = "simple_cnn_224", ChannelsLast = true }, PublishedAccuracy: 0.5538),
        new("simple-vit-224-randaugment", "the seed's 224-px ViT (patch 16, dim 128, 4 post-norm encoder layers) with RandAugment, Adam 1e-3 (seed: 0.1000, chance)", 32,
            Seed224 with { ModelName = "simple_vit_224" }, PublishedAccuracy: 0.1000,
            Notes: "Why the seed's run stayed at chance (0.1000), most likely: post-norm encoder layers, class and position " +
                   "embeddings drawn from N(0, 1) (far larger than the patch embeddings they are added to) and Adam at 1e-3 " +
                   "with no warm-up make the start unstable, and the network collapses onto a few classes. Measured in a " +
                   "2-epoch probe on 2,000 stratified training images (1,000 test images): first-epoch loss 2.40, above " +
                   "chance level ln 10 = 2.30, and only 3 of the 10 classes ever predicted (test accuracy 0.141); at lr 1e-4, " +
                   "6 classes (0.172); simple-vit-224-randaugment-prenorm (pre-norm, GELU, small embedding init, AdamW 3e-4 " +
                   "with warm-up and cosine decay, label smoothing) predicts all 10 classes (0.240) in less than half the time."),
        new("simple-vit-224-randaugment-prenorm", "the 224-px ViT made trainable: pre-norm, GELU, AdamW 3e-4 + warm-up + cosine, label smoothing 0.1", 32,
            Seed224 with
            {
                ModelName = "simple_vit_224_prenorm", Optimizer = OptimizerKind.AdamW, LearningRate = 3e-4, WeightDecay = 0.05,
                Schedule = LearningRateScheduleKind.Cosine, WarmupFraction = 0.05, LabelSmoothing = 0.1,
            }),

        new("fast-cnn-94", "airbench94 in C#: fast_cnn, Nesterov SGD at batch 1,024, warm-up/decay, label smoothing 0.2, lookahead, flip + translate, 6-view TTA, 10 epochs (goal: 94 %)", 32,
            FastCnn94.Options),
        .. Ablations("fast-cnn-94", FastCnn94.Options),
        new("fast-cnn-94-muon", "airbench94_muon in C#: fast-cnn-94 in 8 epochs of batch 2,000, the filters trained with Muon (orthogonalised momentum), biases and head with Nesterov SGD, no warm-up, lookahead kept", 32,
            FastCnn94Muon.Options),
        new("fast-cnn-94-9.9-epochs", "fast-cnn-94 at airbench's length: 9.9 epochs of full batches (476 steps of 1,024 instead of 490 steps over all 50,000 images)", 32,
            FastCnn94.Options with { DropLastBatch = true, FinalEpochFraction = 0.9 }),

        new("vit-from-scratch", "hybrid ViT from scratch: airbench's whitened conv stem to 49 tokens, 3 pre-norm transformer layers of 192 dims, sequence pooling; AdamW 1.5e-3, warm-up + cosine, label smoothing 0.1, stochastic depth 0.1, flip + crop, flip TTA, 12 epochs", 32,
            HybridVitFromScratch.Options),
        new("cct-from-scratch", "CCT-4/3x2 (convolutional tokenizer, 4 pre-norm layers, sequence pooling) from scratch: AdamW 1e-3, warm-up + cosine, label smoothing 0.1, stochastic depth 0.1, flip + crop, 15 epochs", 32,
            CctRecipe),

        new("resnet18-finetune", "the seed's fine-tune: torchvision ResNet18 from ImageNet (resnet18-f37072fd.pth), 224 px, Adam 1e-3, batch 64, 3 epochs (seed: 0.8763)", 32,
            ResNetFineTuneRecipe with { ModelName = "resnet18" }, PublishedAccuracy: 0.8763, PublishedMacroF1: 0.8766),
        new("resnet18-finetune-aug", "resnet18-finetune with the seed's augmentation (flip, crop 4, colour jitter 0.2, rotation 15°) (seed: 0.8964)", 32,
            ResNetFineTuneRecipe with { ModelName = "resnet18", Augmentation = SeedAugmentation }, PublishedAccuracy: 0.8964, PublishedMacroF1: 0.8972),
        new("resnet18-finetune-112", "resnet18-finetune at 112 px (about 4x cheaper per step)", 32,
            FineTuneRecipe with { ModelName = "resnet18", ImageSize = 112 }),
        new("deit-tiny-finetune", "the seed's fine-tune of DeiT-tiny from ImageNet (timm deit_tiny_patch16_224.fb_in1k), 224 px, AdamW 3e-4, batch 64, 3 epochs", 32,
            DeitFineTuneRecipe, PublishedAccuracy: 0.9223, PublishedMacroF1: 0.9218),
        new("deit-tiny-finetune-aug", "deit-tiny-finetune with the seed's augmentation (flip, crop 4, colour jitter 0.2, rotation 15°)", 32,
            DeitFineTuneRecipe with { Augmentation = SeedAugmentation }),
        new("deit-tiny-finetune-112", "deit-tiny-finetune at 112 px (7x7 patches, position embeddings resampled)", 32,
            DeitFineTuneRecipe with { ImageSize = 112 }),
        new("resnet18-mlnet-finetune", "resnet18-finetune's recipe on ML.NET's ImageNet ResNet18 (offline weights from the DnnImageFeaturizer package), 224 px", 32,
            ResNetFineTuneRecipe with { ModelName = Mlnet }),
        new("resnet18-mlnet-finetune-aug", "resnet18-mlnet-finetune with the seed's augmentation (flip, crop 4, colour jitter 0.2, rotation 15°)", 32,
            ResNetFineTuneRecipe with { ModelName = Mlnet, Augmentation = SeedAugmentation }),
        new("resnet18-mlnet-finetune-112", "resnet18-mlnet-finetune at 112 px", 32,
            FineTuneRecipe with { ModelName = Mlnet, ImageSize = 112 }),
        new("resnet18-mlnet-finetune-64", "resnet18-mlnet-finetune at 64 px", 32,
            FineTuneRecipe with { ModelName = Mlnet, ImageSize = 64 }),
        new("resnet18-mlnet-cpu", "the CPU fine-tune of ML.NET's ImageNet ResNet18: 112 px, 2 epochs, Nesterov SGD 0.01 with warm-up + cosine, label smoothing 0.1, flip + crop", 32,
            CpuFineTuneRecipe with { ModelName = Mlnet }),
        new("resnet18-mlnet-frozen", "ML.NET's ImageNet ResNet18 frozen at 224 px: features computed once, then 10 epochs of the head", 32,
            FrozenRecipe with { ModelName = Mlnet }),
        new("resnet18-mlnet-frozen-112", "resnet18-mlnet-frozen at 112 px", 32,
            FrozenRecipe with { ModelName = Mlnet, ImageSize = 112 }),
        new("mlnet-featurizer-baseline", "ML.NET's own transfer learning: DnnFeaturizeImage (ResNet18, 224 px) + LbfgsMaximumEntropy", MlNetFeaturizerBaseline.ImageSize,
            SeedRecipe with { ModelName = MlNetFeaturizerBaseline.ModelName, ImageSize = MlNetFeaturizerBaseline.ImageSize }, Kind: ExperimentKind.MlNetFeaturizer),
    ];

    /// <summary>
    /// <paramref name="name"/> with one ingredient switched off per experiment (<c>&lt;name&gt;-no-&lt;ingredient&gt;</c>), for
    /// the ablation table <c>compare</c> writes. Test-time augmentation needs no run of its own: every report also
    /// has the single-view accuracy.
    /// </summary>
    private static IEnumerable<Experiment> Ablations(string name, TorchImageClassifierOptions recipe) =>
    [
        new($"{name}-no-whitening", $"{name} with an ordinary trained first layer instead of the frozen data whitening", 32,
            recipe with { ModelName = "fast_cnn_bf16_learned_stem" }),
        new($"{name}-no-lookahead", $"{name} without lookahead weight averaging", 32, recipe with { LookaheadInterval = 0 }),
        new($"{name}-no-label-smoothing", $"{name} without label smoothing", 32, recipe with { LabelSmoothing = 0 }),
        new($"{name}-no-bias-scale", $"{name} with BatchNorm biases at the common learning rate", 32, recipe with { BatchNormBiasLearningRateScale = 1 }),
        new($"{name}-no-augmentation", $"{name} without flip and translate", 32, recipe with { Augmentation = "" }),
        new($"{name}-no-alternating-flip", $"{name} with random instead of alternating flips", 32, recipe with { Augmentation = "flip,crop:pad=2:mode=reflect" }),
        new($"{name}-no-warmup", $"{name} starting at the peak rate (linear decay only)", 32, recipe with { WarmupFraction = 0, ScheduleStartFactor = 1 }),
        new($"{name}-no-bf16", $"{name} in fp32 throughout (precision check; slower)", 32, recipe with { ModelName = "fast_cnn" }),
        new($"{name}-no-channels-last", $"{name} with NCHW batches (speed check)", 32, recipe with { ChannelsLast = false }),
    ];

    /// <summary>Experiment names.</summary>
    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The experiment called <paramref name="name"/>.</summary>
    /// <exception cref="MlNetVisionException">Unknown name; the message suggests the nearest.</exception>
    public static Experiment Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new MlNetVisionException($"Unknown experiment '{name}'.{NameSuggestion.DidYouMean(name, Names)} Experiments: {string.Join(", ", Names)}.");
}
