using MlNetVision.Models;
using MlNetVision.Training;
using TorchSharp;

namespace MlNetVision.Experiments.Definitions.Recipes;

/// <summary>
/// Experiment <c>vit-from-scratch</c>: the transformer recipe that fits 60 minutes of these 2 cores, network
/// (<see cref="Network"/>) and trainer options (<see cref="Options"/>) in one place. A hybrid ViT (<c>hybrid_vit_3x192</c>)
/// whose tokens come from airbench's stem (whitened 2×2 patches, two BatchNorm conv groups in bfloat16: 49 tokens of
/// 192 dims), as the ViT paper's hybrids (Dosovitskiy et al. 2021) take theirs from ResNet stages, so that the 3 transformer
/// layers start from local features instead of spending a short budget learning them from pixels (CCT-4/3x2 reached 0.53
/// after a 2-epoch probe). The transformer regularisation of CCT's CIFAR recipe (Hassani et al. 2021, as in
/// <see cref="ExperimentCatalog.CctRecipe"/>): AdamW with decoupled weight decay 0.05, 10 % warm-up then cosine decay,
/// label smoothing 0.1, stochastic depth 0.1 (in the model); alternating flip + 4-px reflect crop (RandAugment left out: at
/// 12 epochs the model underfits rather than overfits); batch 256 at 1.5e-3; flip TTA.
/// </summary>
public static class HybridVitFromScratch
{
    /// <summary>
    /// The network trained: the registry's <c>hybrid_vit_3x192</c> (<see cref="Options"/>' model) is built from exactly this
    /// shape, which a test asserts, so this file and the model cannot drift apart.
    /// </summary>
    internal static readonly CctShape Network = new(
        Layers: 3,                         // pre-norm transformer encoder layers; CPU budget (CCT-7/3x1 has 7)
        Dim: 192,                          // token width; as DeiT-tiny
        Heads: 3,                          // attention heads (64 dims each); as DeiT-tiny
        MlpRatio: 2,                       // MLP hidden width ÷ Dim; CCT-7's ratio
        ConvLayers: 2,                     // airbench conv groups in the stem, each halving the side: 32 px → 31 (whitening) → 15 → 7, 49 tokens
        ConvKernel: 3,                     // px; airbench's 3×3 convolutions
        TokenizerChannels: 64,             // channels of the first conv group (the second outputs Dim); airbench: base_width 64
        StochasticDepth: 0.1,              // drop-path rate of the last layer, rising linearly from 0; CCT: 0.1
        Tokenizer: CctTokenizer.WhitenedConvGroups, // airbench's stem: frozen 2×2 patch whitening (ε 5e-4) → GELU → conv groups (BatchNorm momentum 0.4)
        TrainingConvType: torch.ScalarType.BFloat16); // conv groups' type in training (AVX-512 BF16); airbench: fp16 on the GPU

    /// <summary>The trainer options: every value the run depends on, in the order a reader needs them.</summary>
    public static readonly TorchImageClassifierOptions Options = new()
    {
        // Model and input
        ModelName = "hybrid_vit_3x192",    // the registry's model built from Network (see above)
        NormalizationFromData = true,           // per-channel mean and std measured on the training images (airbench hard-codes
                                                // CIFAR_MEAN/CIFAR_STD, which are these values for CIFAR-10: 0.4914/0.2470, …)
        ChannelsLast = true,               // NHWC batches: oneDNN's convolutions in the stem are faster

        // Length
        Epochs = 12,                       // passes over the 50,000 training images: what fits 60 minutes here (CCT: 300)
        BatchSize = 256,                   // images per step

        // Optimiser
        Optimizer = OptimizerKind.AdamW,   // CCT's optimiser
        LearningRate = 1.5e-3,             // per step at the peak; higher than CCT's for the short run
        WeightDecay = 0.05,                // decoupled (AdamW), per unit rate; CCT: 0.06 (DeiT: 0.05)

        // Schedule
        Schedule = LearningRateScheduleKind.Cosine, // warm-up then cosine decay; CCT
        WarmupFraction = 0.1,              // of all steps, linear from 0 to the peak; CCT

        // Regularisation
        LabelSmoothing = 0.1,              // of the target mass spread over all classes; CCT
        Augmentation = "flip:mode=alternate,crop:pad=4:mode=reflect", // alternating mirror (airbench) + ±4-px reflect crop (CCT's simple CIFAR augmentation)

        // Exported model
        TestTimeAugmentation = TestTimeAugmentationKind.Flip, // 2 views: image and mirror; airbench: tta_level 1
    };
}
