using System.Diagnostics;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// Trains only the classifier head of a model with a separable backbone (<see cref="IFeatureExtractor"/>):
/// the backbone runs once over every image, in eval mode without gradients (BatchNorm keeps its pretrained
/// statistics), and the head then trains on those features with the usual <see cref="TrainingLoop"/>. The
/// trained head stays inside the model, so the whole model exports as usual.
/// </summary>
internal sealed class FrozenBackboneTraining(TorchImageClassifierOptions options, TrainingRuntime? runtime = null, TextWriter? log = null)
{
    private readonly TextWriter _log = log ?? Console.Error;
    private readonly TrainingRuntime _runtime = runtime ?? TrainingRuntime.Default;

    /// <summary>Batch size of the one feature pass.</summary>
    public const int FeatureBatchSize = 128;

    /// <summary>Trains the head of <paramref name="model"/>; returns the loop's result and the seconds spent computing features.</summary>
    /// <exception cref="MlNetVisionException">The model has no separable backbone.</exception>
    public (TrainingResult Result, double FeatureSeconds) Run(ImageClassifier model, TensorBatches train, TensorBatches? validation, CancellationToken cancellation = default,
        Action<EpochRecord>? epochCallback = null)
    {
        var extractor = model as IFeatureExtractor
            ?? throw new MlNetVisionException($"FreezeBackbone needs a model with a separable backbone and head; {model.GetName()} has none.");
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        foreach (var parameter in extractor.Head.parameters()) parameter.requires_grad = true;
        var clock = Stopwatch.StartNew();
        using var trainFeatures = Features(model, extractor, train, "train features");
        using var validationFeatures = validation is null ? null : Features(model, extractor, validation, "validation features");
        clock.Stop();
        _log.WriteLine($"backbone frozen: {train.Count + (validation?.Count ?? 0):N0} feature vectors of {extractor.FeatureCount} in {clock.Elapsed.TotalSeconds:0.0} s; training the head only");
        var result = new TrainingLoop(options, _runtime, _log).Run(extractor.Head, trainFeatures, validationFeatures, cancellation, epochCallback: epochCallback);
        return (result, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The backbone's features of every row of <paramref name="data"/>, in row order.</summary>
    public FeatureBatches Features(ImageClassifier model, IFeatureExtractor extractor, TensorBatches data, string label)
    {
        model.eval();
        using var noGrad = no_grad();
        using var bar = _runtime.ShowProgress ? new ConsoleProgress(label, _log == Console.Error ? null : _log) : null;
        var parts = new List<Tensor>();
        try
        {
            var clock = Stopwatch.StartNew();
            for (int start = 0; start < data.Count; start += FeatureBatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(FeatureBatchSize, data.Count - start);
                var (inputs, _) = data.Range(start, count);
                parts.Add(extractor.ForwardFeatures(inputs).MoveToOuterDisposeScope());
                bar?.Report(start + count, data.Count, $"{start + count:N0}/{data.Count:N0} images {(start + count) / clock.Elapsed.TotalSeconds:0} img/s");
            }
            return new FeatureBatches(cat(parts, 0), data.Labels.clone());
        }
        finally
        {
            foreach (var part in parts) part.Dispose();
        }
    }
}
