using MlNetVision.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;
using MlNetVision.Models;
using MlNetVision.Native;
using MlNetVision.Onnx;
using MlNetVision.Training.Checkpoints;
using MlNetVision.Pretrained;
using TorchSharp;

namespace MlNetVision.Training;

/// <summary>
/// An ML.NET estimator that trains a registered TorchSharp image classifier on a <c>Features</c> column
/// (planar RGB floats in [0, 1] from <c>ExtractPixels</c>) and a key-typed <c>Label</c>. <see cref="Fit"/>
/// reads the data once into a uint8 tensor, trains with <see cref="TrainingLoop"/>, exports the network to
/// ONNX and returns stock ML.NET transformers (<see cref="ClassifierTransformers"/>), so the fitted pipeline
/// saves with <c>mlContext.Model.Save</c> and loads in any ML.NET app without TorchSharp or MlNetVision.
/// Pretrained weights and a frozen backbone are options; the trainer reaches them only through the
/// model-side interfaces (<see cref="IPretrainable"/>, <see cref="IFeatureExtractor"/>), never a specific model.
/// </summary>
public sealed class TorchImageClassificationTrainer : IEstimator<ITransformer>
{
    private readonly CallerEnvironment _caller;
    private readonly MLContext _mlContext;
    private readonly TextWriter? _givenLog;
    private readonly CancellationToken _cancellation;
    private readonly Func<ModelSpec, torch.nn.Module<torch.Tensor, torch.Tensor>>? _network;
    private TextWriter _log = TextWriter.Null;

    /// <summary>Creates the trainer; prefer the catalog extension <c>TorchImageClassifier</c>.</summary>
    /// <param name="mlContext">The caller's context: the output transformers are built in it, messages go to its <c>Log</c>
    /// (unless <paramref name="log"/> is given), temporary files under its <c>TempFilePath</c>, and its
    /// <c>CancelExecution()</c> stops training within one step.</param>
    /// <param name="options">The recipe.</param>
    /// <param name="runtime">How the run executes (threads, device, checkpoints, progress); null = <see cref="TrainingRuntime.Default"/>.</param>
    /// <param name="log">Progress and messages as text (the CLI's console); null = <c>MLContext.Log</c>, source
    /// <c>TorchImageClassifier</c>.</param>
    /// <param name="cancellation">Stops training after the current step; <see cref="Fit"/> then writes a checkpoint
    /// (with <see cref="TrainingRuntime.CheckpointDirectory"/>) and returns the best model so far
    /// (by validation accuracy when there is a validation split, else the current one), with
    /// <see cref="TrainingSummary.Interrupted"/> set. <c>MLContext.CancelExecution()</c> stops it the same way, but then
    /// <see cref="Fit"/> throws <see cref="OperationCanceledException"/> after the checkpoint, as ML.NET's trainers do.</param>
    public TorchImageClassificationTrainer(MLContext mlContext, TorchImageClassifierOptions options, TrainingRuntime? runtime = null,
        TextWriter? log = null, CancellationToken cancellation = default)
        : this(CallerEnvironment.FromContext(mlContext ?? throw new ArgumentNullException(nameof(mlContext))), options, runtime, log, cancellation)
    {
    }

    internal TorchImageClassificationTrainer(CallerEnvironment caller, TorchImageClassifierOptions options, TrainingRuntime? runtime,
        TextWriter? log, CancellationToken cancellation, Func<ModelSpec, torch.nn.Module<torch.Tensor, torch.Tensor>>? network = null)
    {
        _network = network;
        _caller = caller.Verified();
        _mlContext = caller.Context ?? caller.NewContext(options.Seed);
        _cancellation = cancellation;
        _givenLog = log;
        Options = options;
        Runtime = runtime ?? TrainingRuntime.Default;
        options.Validate();
        Runtime.Validate();
        if (network is null) ModelRegistry.Get(options.ModelName);
    }

    /// <summary>The recipe.</summary>
    public TorchImageClassifierOptions Options { get; }

    /// <summary>How the run executes.</summary>
    public TrainingRuntime Runtime { get; }

    /// <summary>What the last <see cref="Fit"/> did (history, timing), or null before the first.</summary>
    public TrainingSummary? LastSummary { get; private set; }

    /// <summary>The ONNX model the last <see cref="Fit"/> exported, or null before the first.</summary>
    public byte[]? LastOnnxModel { get; private set; }

    /// <summary>With <see cref="TorchImageClassifierOptions.TestTimeAugmentation"/>: the last <see cref="Fit"/>'s network
    /// exported without it (one view per image), for reporting both accuracies; else null.</summary>
    public byte[]? LastOnnxModelWithoutTestTimeAugmentation { get; private set; }

    /// <summary>
    /// Optional data (same columns as the training input, e.g. the test set through the same transforms) whose accuracy is
    /// measured after every epoch and recorded as <see cref="EpochRecord.MonitorAccuracy"/>, to report the time to an
    /// accuracy. It never influences training or model choice. Not used with a frozen backbone.
    /// </summary>
    public IDataView? MonitorData { get; init; }

    /// <summary>
    /// Optional validation data (same columns as the training input), used instead of splitting off
    /// <see cref="TorchImageClassifierOptions.ValidationFraction"/>: its accuracy is reported per epoch and, when the run is
    /// interrupted, picks the best weights. Like ML.NET's <c>ImageClassificationTrainer</c> validation set.
    /// </summary>
    public IDataView? ValidationData { get; init; }

    /// <inheritdoc />
    /// <exception cref="OperationCanceledException"><c>MLContext.CancelExecution()</c> was called; the checkpoint (with
    /// <see cref="TrainingRuntime.CheckpointDirectory"/>) holds the training so far.</exception>
    public ITransformer Fit(IDataView input)
    {
        using var channelLog = _givenLog is null ? _caller.LogWriter() : null;
        _log = _givenLog ?? channelLog!;
        using (var watch = _caller.WatchCancellation(_cancellation))
        {
            var fitted = FitWith(input, watch);
            if (_caller.IsCanceled)
            {
                (fitted as IDisposable)?.Dispose();
                throw new OperationCanceledException("Training stopped on MLContext.CancelExecution()" +
                    (Runtime.CheckpointDirectory is { } folder ? $"; the checkpoint in {folder} resumes it." : "."));
            }
            return fitted;
        }
    }

    private ITransformer FitWith(IDataView input, CallerEnvironment.CancellationWatch watch)
    {
        var cancellation = watch.Token;
        var (pipelineSize, classNames) = LabeledPixels.Describe(input.Schema, Options.FeatureColumnName, Options.LabelColumnName);
        int modelSize = Options.ImageSize == 0 ? pipelineSize : Options.ImageSize;
        TorchCompute.Prepare(Runtime.Threads);
        var device = ResolveDevice(Runtime.Device);

        using var owned = new CompositeOwner();
        var all = ReadData(input, owned);
        var validationData = ValidationData ?? Options.ValidationSet;
        var (train, validation) = validationData is not null ? (all, ReadData(validationData, owned))
            : Options.ValidationFraction > 0 ? all.SplitOffStratified(Options.ValidationFraction, Options.Seed) : (all, null);
        if (Runtime.ImagesInMemory) (train, validation) = (train.LoadIntoMemory(), validation?.LoadIntoMemory());
        var normalization = Options.NormalizationFromData ? NormalizationStatistics.Measure(train) : new InputNormalization(Options.Mean, Options.Std);
        if (Options.NormalizationFromData)
            _log.WriteLine($"normalisation measured on the training images: mean {Format(normalization.Mean)}, std {Format(normalization.Std)}");

        torch.random.manual_seed(Options.Seed);
        var spec = new ModelSpec(classNames.Count, modelSize, normalization);
        using var model = _network is null ? ModelRegistry.Create(Options.ModelName, spec) : new UserDefinedClassifier(spec, _network(spec));
        if (model is UserDefinedClassifier) CheckExportable(model, new OnnxExportSettings(pipelineSize, normalization.Mean, normalization.Std, classNames));
        var pretrained = PretrainedLoader.Apply(model, Options.Pretrained, _log, modelName: _network is null ? Options.ModelName : null);
        model.to(device);
        using var trainBatches = new TensorBatches(train, modelSize, normalization.Mean, normalization.Std, device);
        using var validationBatches = validation is null ? null : new TensorBatches(validation, modelSize, normalization.Mean, normalization.Std, device);
        using var monitorBatches = MonitorData is null ? null : new TensorBatches(ReadData(MonitorData, owned), modelSize, normalization.Mean, normalization.Std, device);

        _log.WriteLine($"training {Options.ModelName} ({model.ParameterCount:N0} parameters) on {train.Count:N0} images " +
                       $"({pipelineSize} px{(modelSize != pipelineSize ? $" resized to {modelSize} px" : "")}), {Options.EpochCount():0.##} epochs, batch {Options.BatchSize}, " +
                       $"{Options.Optimizer} lr {Options.LearningRate}, {torch.get_num_threads()} threads, {device.type}" +
                       (Options.FreezeBackbone ? ", backbone frozen" : ""));
        if (model is IDataInitialized { InitializationImages: > 0 } initialized) InitializeFromData(initialized, trainBatches);
        var store = Runtime.CheckpointDirectory is null || Options.FreezeBackbone ? null : new CheckpointStore(Runtime.CheckpointDirectory);
        var fingerprint = TrainingLoop.Fingerprint(Options, train.Count, classNames);
        var (result, featureSeconds) = Options.FreezeBackbone
            ? new FrozenBackboneTraining(Options, Runtime, _log).Run(model, trainBatches, validationBatches, cancellation, Options.MetricsCallback)
            : (Loop(watch).Run(model, trainBatches, validationBatches, cancellation, store, fingerprint, monitorBatches, Options.MetricsCallback), (double?)null);
        var history = result.History;
        if (result.Interrupted && store is not null && store.TryLoadBest(model))
            _log.WriteLine($"using the best weights so far: epoch {result.BestEpoch}, validation accuracy {result.BestValidationAccuracy:0.0000}");

        model.cpu();
        var exportSettings = new OnnxExportSettings(pipelineSize, normalization.Mean, normalization.Std, classNames, Options.TestTimeAugmentation);
        LastOnnxModel = ClassifierOnnxExporter.Export(model, exportSettings);
        LastOnnxModelWithoutTestTimeAugmentation = Options.TestTimeAugmentation == TestTimeAugmentationKind.None ? null
            : ClassifierOnnxExporter.Export(model, exportSettings with { TestTimeAugmentation = TestTimeAugmentationKind.None });
        LastSummary = new TrainingSummary(history, history.Sum(h => h.Seconds) + (featureSeconds ?? 0), TrainedImages(history, train.Count), train.Count,
            validation?.Count ?? 0, model.ParameterCount, classNames, pipelineSize, modelSize, pretrained, featureSeconds)
        {
            Normalization = normalization, ImagesInMemory = trainBatches.Resident,
            Interrupted = result.Interrupted, BestEpoch = result.BestEpoch, ResumedFromStep = result.ResumedFromStep,
        };
        var firstRow = _mlContext.Data.TakeRows(input, 1);
        return ClassifierTransformers.Fit(_mlContext, LastOnnxModel, classNames, Options.FeatureColumnName, firstRow, OutputColumns);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var feature = inputSchema.FirstOrDefault(c => c.Name == Options.FeatureColumnName);
        if (feature.Name is null || feature.Kind != SchemaShape.Column.VectorKind.Vector || feature.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Feature column '{Options.FeatureColumnName}' must be a known-size vector of float (from ExtractPixels).");
        var label = inputSchema.FirstOrDefault(c => c.Name == Options.LabelColumnName);
        if (label.Name is null || !label.IsKey)
            throw new ArgumentException($"Label column '{Options.LabelColumnName}' must be a key type (use MapValueToKey).");
        return ClassifierTransformers.OutputSchema(_mlContext, Options.FeatureColumnName, Options.LabelColumnName, inputSchema, OutputColumns);
    }

    /// <summary>
    /// Exports the untrained network once, so that a layer the exporter does not know fails now, named by its path and
    /// type, and not after hours of training.
    /// </summary>
    private void CheckExportable(ImageClassifier model, OnnxExportSettings settings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            ClassifierOnnxExporter.Export(model, settings);
        }
        catch (NotSupportedException e)
        {
            throw new MlNetVisionException($"{Options.ModelName} cannot become a model zip, so it was not trained: {e.Message} " +
                "Build it from the layers the exporter knows (README, \"Bring your own network\"). Checked on the untrained network " +
                $"in {clock.Elapsed.TotalMilliseconds:0} ms.", e);
        }
        _log.WriteLine($"{Options.ModelName}: the untrained network exports to ONNX ({clock.Elapsed.TotalMilliseconds:0} ms)");
    }

    private TrainingLoop Loop(CallerEnvironment.CancellationWatch watch)
    {
        var loop = new TrainingLoop(Options, Runtime, _log);
        loop.StepCompleted += _ => watch.Poll();
        return loop;
    }

    private ClassifierTransformers.Columns OutputColumns => new(Options.ScoreColumnName, Options.PredictedLabelColumnName);

    /// <summary>Images read by the completed epochs in <paramref name="history"/>, as the options' <see cref="EpochPlan"/> gives them.</summary>
    private long TrainedImages(IReadOnlyList<EpochRecord> history, int trainCount)
    {
        var plan = EpochPlan.For(Options, trainCount);
        return history.Sum(h => plan.RowsInEpoch(h.Epoch));
    }

    private void InitializeFromData(IDataInitialized model, TensorBatches train)
    {
        using var scope = torch.NewDisposeScope();
        var (images, _) = train.Range(0, Math.Min(model.InitializationImages, train.Count));
        model.InitializeFromData(images);
        _log.WriteLine($"initialised {Options.ModelName}'s data-dependent layers from {images.shape[0]:N0} training images");
    }

    private ILabeledImages ReadData(IDataView input, CompositeOwner owned)
    {
        using var bar = Runtime.ShowProgress ? new ConsoleProgress("reading images", _log == Console.Error ? null : _log) : null;
        long? total = input.GetRowCount();
        var (set, owner) = LabeledPixels.Read(input, Options.FeatureColumnName, Options.LabelColumnName, _mlContext.TempFilePath,
            rows => bar?.Report(rows, total ?? rows, $"{rows:N0} images"));
        owned.Add(owner);
        bar?.Report(set.Count, set.Count, $"{set.Count:N0} images", force: true);
        return set;
    }

    private static string Format(float[] values) => "(" + string.Join(", ", values.Select(v => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    private static torch.Device ResolveDevice(string device)
    {
        if (device == "cpu") return torch.CPU;
        if (!torch.cuda.is_available())
            throw new MlNetVisionException("Device 'cuda' was asked for, but CUDA is not available: build with -p:TorchBackend=cuda on a machine with an NVIDIA GPU, or use --device cpu.");
        return torch.CUDA;
    }
}
