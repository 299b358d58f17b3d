using Microsoft.ML;

namespace MlNetVision.Training;

/// <summary>
/// <c>mlContext.MulticlassClassification.Trainers.TorchImageClassifier(...)</c>: trains a TorchSharp image
/// classifier inside an ML.NET pipeline.
/// </summary>
public static class TorchImageClassifierCatalog
{
    /// <summary>Creates the trainer from plain arguments.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="modelName">Registered model name, such as <c>simple_cnn</c>.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Pixel vector column from ExtractPixels (planar, scaled to [0, 1]).</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Images per step.</param>
    /// <param name="learningRate">Adam learning rate.</param>
    /// <param name="seed">Seed for initialisation, shuffling and dropout.</param>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string modelName = "simple_cnn", string labelColumnName = "Label", string featureColumnName = "Features",
        int epochs = 10, int batchSize = 64, double learningRate = 1e-3, int seed = 0) =>
        catalog.TorchImageClassifier(new TorchImageClassifierOptions
        {
            ModelName = modelName, LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName,
            Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed,
        });

    /// <summary>Creates the trainer from an options object (the recipe), run with <see cref="TrainingRuntime.Default"/>.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The recipe: model, data shape, optimizer, schedule, augmentation, seed.</param>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TorchImageClassifierOptions options) =>
        catalog.TorchImageClassifier(options, TrainingRuntime.Default);

    /// <summary>Creates the trainer from an options object (the recipe) and how the run executes.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The recipe: model, data shape, optimizer, schedule, augmentation, seed.</param>
    /// <param name="runtime">Threads, device, checkpoints, progress.</param>
    /// <remarks>
    /// ML.NET keeps a catalog's environment internal, so the trainer builds its output transformers in an
    /// MLContext of its own, seeded with <see cref="TorchImageClassifierOptions.Seed"/>; they save and load
    /// with any context.
    /// </remarks>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TorchImageClassifierOptions options,
        TrainingRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TorchImageClassificationTrainer(new MLContext(options.Seed), options, runtime);
    }
}
