using MlNetVision.Infrastructure;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Definitions;

/// <summary>Every experiment, by name.</summary>
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

    /// <summary>The seed study's 224-px recipe: RandAugment (2 ops, magnitude 9) on 32-px images, upsized to 224 px in the trainer.</summary>
    private static readonly TorchImageClassifierOptions Seed224 = SeedRecipe with { ImageSize = 224, Augmentation = "randaugment:n=2:m=9" };

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
        new("simple-cnn-224-randaugment", "the seed's wider CNN at 224 px with RandAugment(2, 9), Adam 1e-3, batch 64, 10 epochs", 32,
            Seed224 with { ModelName = "simple_cnn_224" }),
        new("simple-vit-224-randaugment", "the seed's 224-px ViT (patch 16, dim 128, 4 post-norm encoder layers) with RandAugment, Adam 1e-3 (seed: 0.1000, chance)", 32,
            Seed224 with { ModelName = "simple_vit_224" }, PublishedAccuracy: 0.1000),
        new("simple-vit-224-randaugment-prenorm", "the 224-px ViT made trainable: pre-norm, GELU, AdamW 3e-4 + warm-up + cosine, label smoothing 0.1", 32,
            Seed224 with
            {
                ModelName = "simple_vit_224_prenorm", Optimizer = OptimizerKind.AdamW, LearningRate = 3e-4, WeightDecay = 0.05,
                Schedule = LearningRateScheduleKind.Cosine, WarmupFraction = 0.05, LabelSmoothing = 0.1,
            }),
    ];

    /// <summary>Experiment names.</summary>
    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The experiment called <paramref name="name"/>.</summary>
    /// <exception cref="MlNetVisionException">Unknown name; the message suggests the nearest.</exception>
    public static Experiment Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new MlNetVisionException($"Unknown experiment '{name}'.{NameSuggestion.DidYouMean(name, Names)} Experiments: {string.Join(", ", Names)}.");
}
