using Microsoft.ML;
using MlNetVision.Models;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// <c>mlContext.MulticlassClassification.Trainers.TorchImageClassifier(...)</c>: trains a TorchSharp image
/// classifier inside an ML.NET pipeline. The trainer works in the caller's context: its messages go to
/// <c>MLContext.Log</c> (source <c>TorchImageClassifier</c>), its temporary files under <c>MLContext.TempFilePath</c>, and
/// ML.NET's <c>CancelExecution()</c> on the context stops it within one step (a checkpoint is written when
/// <see cref="TrainingRuntime.CheckpointDirectory"/> is set, then <c>Fit</c> throws <see cref="OperationCanceledException"/>).
/// </summary>
public static class TorchImageClassifierCatalog
{
    /// <summary>Creates the trainer from plain arguments.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Pixel vector column from ExtractPixels (planar, scaled to [0, 1]).</param>
    /// <param name="scoreColumnName">Output column of class probabilities, its slot names the class names.</param>
    /// <param name="predictedLabelColumnName">Output column of the predicted class name (a string); the key column beside it is
    /// <c>{name}Key</c>.</param>
    /// <param name="validationSet">Rows whose accuracy is reported after every epoch (same columns as the training data), or null.</param>
    /// <param name="modelName">Registered model name, such as <c>simple_cnn</c>.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="batchSize">Images per step.</param>
    /// <param name="learningRate">Adam learning rate.</param>
    /// <param name="seed">Seed for initialisation, shuffling and dropout; null: the MLContext's seed, or 0 for an unseeded context.</param>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", string scoreColumnName = "Score",
        string predictedLabelColumnName = "PredictedLabel", IDataView? validationSet = null,
        string modelName = "simple_cnn", int epochs = 10, int batchSize = 64, double learningRate = 1e-3, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var caller = CallerEnvironment.FromCatalog(catalog);
        var options = new TorchImageClassifierOptions
        {
            ModelName = modelName, LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName,
            ScoreColumnName = scoreColumnName, PredictedLabelColumnName = predictedLabelColumnName, ValidationSet = validationSet,
            Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Seed = seed ?? caller.Verified().Seed ?? 0,
        };
        return new TorchImageClassificationTrainer(caller, options, TrainingRuntime.Default, log: null, cancellation: default);
    }

    /// <summary>
    /// Creates a trainer of the caller's own network: <paramref name="network"/> gets the class count and input size
    /// (<see cref="ModelSpec"/>) and returns a <c>Module&lt;Tensor, Tensor&gt;</c> from <c>[N, 3, S, S]</c> normalised images
    /// to <c>[N, classes]</c> logits. It trains, checkpoints and resumes like a registered model (its
    /// <see cref="TorchImageClassifierOptions.ModelName"/> then only names it in messages, reports and the checkpoint's
    /// fingerprint); an untrained copy is exported to ONNX before training, so a layer the exporter does not know fails at
    /// once, named by its path and type. <see cref="Registry.ModelRegistry.Register"/> gives it a name the CLI and
    /// experiments can use instead.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="network">Builds the network for a class count and input size.</param>
    /// <param name="options">The recipe (its <c>ModelName</c> names the network).</param>
    /// <param name="runtime">Threads, device, checkpoints, progress (<see cref="TrainingRuntime.Default"/> for the defaults).</param>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, Func<ModelSpec, nn.Module<Tensor, Tensor>> network,
        TorchImageClassifierOptions options, TrainingRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(network);
        return new TorchImageClassificationTrainer(CallerEnvironment.FromCatalog(catalog), options, runtime, log: null, cancellation: default, network);
    }

    /// <summary>Creates the trainer from an options object (the recipe), run with <see cref="TrainingRuntime.Default"/>.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The recipe: model, data shape, optimizer, schedule, augmentation, seed; also the validation
    /// set and the per-epoch callback.</param>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TorchImageClassifierOptions options) =>
        catalog.TorchImageClassifier(options, TrainingRuntime.Default);

    /// <summary>Creates the trainer from an options object (the recipe) and how the run executes.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The recipe: model, data shape, optimizer, schedule, augmentation, seed; also the validation
    /// set and the per-epoch callback.</param>
    /// <param name="runtime">Threads, device, checkpoints, progress.</param>
    public static TorchImageClassificationTrainer TorchImageClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TorchImageClassifierOptions options,
        TrainingRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TorchImageClassificationTrainer(CallerEnvironment.FromCatalog(catalog), options, runtime, log: null, cancellation: default);
    }
}
