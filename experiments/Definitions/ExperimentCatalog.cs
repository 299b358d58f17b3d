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

    /// <summary>All experiments.</summary>
    public static readonly IReadOnlyList<Experiment> All =
    [
        new("simple-cnn", "the seed's SimpleCNN at 32 px, Adam 1e-3, batch 64, 10 epochs (seed: 0.7145)", 32,
            SeedRecipe with { ModelName = "simple_cnn" }, PublishedAccuracy: 0.7145),
        new("simple-vit", "the seed's SimpleViT (patch 4, dim 128, depth 6) at 32 px, Adam 1e-3, batch 64, 10 epochs (seed: 0.6136)", 32,
            SeedRecipe with { ModelName = "simple_vit" }, PublishedAccuracy: 0.6136),
    ];

    /// <summary>Experiment names.</summary>
    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The experiment called <paramref name="name"/>.</summary>
    /// <exception cref="MlNetVisionException">Unknown name; the message suggests the nearest.</exception>
    public static Experiment Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new MlNetVisionException($"Unknown experiment '{name}'.{NameSuggestion.DidYouMean(name, Names)} Experiments: {string.Join(", ", Names)}.");
}
