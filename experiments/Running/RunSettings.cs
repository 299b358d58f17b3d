namespace MlNetVision.Experiments.Running;

/// <summary>Command-line overrides of an experiment.</summary>
public sealed record RunSettings
{
    /// <summary><c>--data</c>: the data folder.</summary>
    public string? Data { get; init; }
    /// <summary><c>--output</c>: the run's folder; default <c>artifacts/&lt;experiment&gt;/&lt;timestamp&gt;</c>.</summary>
    public string? Output { get; init; }
    /// <summary><c>--epochs</c>.</summary>
    public int? Epochs { get; init; }
    /// <summary><c>--batch-size</c>.</summary>
    public int? BatchSize { get; init; }
    /// <summary><c>--limit-train</c>: first N training images.</summary>
    public int? LimitTrain { get; init; }
    /// <summary><c>--limit-test</c>: first N test images.</summary>
    public int? LimitTest { get; init; }
    /// <summary><c>--stratified</c>: the limits draw a seeded stratified sample instead of the first N.</summary>
    public bool Stratified { get; init; }
    /// <summary><c>--seed</c>.</summary>
    public int? Seed { get; init; }
    /// <summary><c>--threads</c>.</summary>
    public int? Threads { get; init; }
    /// <summary><c>--lr</c>.</summary>
    public double? LearningRate { get; init; }
    /// <summary><c>--validation-fraction</c>.</summary>
    public double? ValidationFraction { get; init; }
    /// <summary><c>--augment</c>: replaces the experiment's augmentation spec (<c>none</c> turns it off).</summary>
    public string? Augmentation { get; init; }
    /// <summary><c>--clip-grad</c>: gradient norm clipping.</summary>
    public double? GradientClipNorm { get; init; }
    /// <summary><c>--checkpoint-minutes</c>: minutes between mid-epoch checkpoints.</summary>
    public double? CheckpointMinutes { get; init; }
    /// <summary><c>--device</c>.</summary>
    public string? Device { get; init; }
    /// <summary><c>--pretrained</c>: a <c>.pth</c>/<c>.safetensors</c> in the model's naming, an earlier run's <c>model.zip</c> or
    /// <c>best-weights.bin</c>, or <c>none</c>; default the model's own weights.</summary>
    public string? Pretrained { get; init; }
    /// <summary><c>--seeds N</c>: run each experiment N times, seeds <see cref="Seed"/> (default 0) to +N−1, each in
    /// <c>seed-&lt;s&gt;</c> under the run folder, and write the mean ± std of every metric (<c>seeds.json</c>, <c>seeds.md</c>).</summary>
    public int? Seeds { get; init; }
    /// <summary><c>--monitor-test</c>: measure test accuracy after every epoch (reported per epoch; never used for training).</summary>
    public bool MonitorTest { get; init; }
    /// <summary><c>--input-size</c>: the side of the images the model sees (the trainer resizes inside).</summary>
    public int? InputSize { get; init; }
    /// <summary><c>--image-size</c>: the side images are resized to by the pipeline (and in the zip), and the model's input
    /// unless <c>--input-size</c> says otherwise; default <see cref="Definitions.Experiment.FolderImageSize"/> for image folders,
    /// 32 for CIFAR-10's binary files.</summary>
    public int? ImageSize { get; init; }
    /// <summary><c>--test-fraction</c>: the share of a flat image folder held out for testing (default 0.2).</summary>
    public double? TestFraction { get; init; }
    /// <summary><c>--split-seed</c>: the seed of a flat folder's train/test split (default 0; independent of <see cref="Seed"/>).</summary>
    public int? SplitSeed { get; init; }
    /// <summary><c>--skip-bad-images</c>: leave out image files that cannot be decoded (listed in the report) instead of stopping.</summary>
    public bool SkipBadImages { get; init; }
    /// <summary><c>--in-memory</c>: hold the decoded training images in memory instead of reading the disk cache per batch.</summary>
    public bool ImagesInMemory { get; init; }
    /// <summary><c>--tensorboard [DIR]</c>: write TensorBoard event files; null = none, empty = <c>&lt;run folder&gt;/tensorboard</c>,
    /// else the folder (with several experiments or seeds, a sub-folder per experiment or seed).</summary>
    public string? TensorBoard { get; init; }

    /// <summary>These settings with every one they leave unset taken from <paramref name="lower"/> (an experiment file's): the
    /// command line overrides the file.</summary>
    public RunSettings Over(RunSettings lower) => this with
    {
        Data = Data ?? lower.Data, Output = Output ?? lower.Output, Epochs = Epochs ?? lower.Epochs, BatchSize = BatchSize ?? lower.BatchSize,
        LimitTrain = LimitTrain ?? lower.LimitTrain, LimitTest = LimitTest ?? lower.LimitTest, Stratified = Stratified || lower.Stratified,
        Seed = Seed ?? lower.Seed, Seeds = Seeds ?? (Seed is null ? lower.Seeds : null), Threads = Threads ?? lower.Threads,
        LearningRate = LearningRate ?? lower.LearningRate, ValidationFraction = ValidationFraction ?? lower.ValidationFraction,
        Augmentation = Augmentation ?? lower.Augmentation, GradientClipNorm = GradientClipNorm ?? lower.GradientClipNorm,
        CheckpointMinutes = CheckpointMinutes ?? lower.CheckpointMinutes, Device = Device ?? lower.Device, Pretrained = Pretrained ?? lower.Pretrained,
        MonitorTest = MonitorTest || lower.MonitorTest, InputSize = InputSize ?? lower.InputSize, ImageSize = ImageSize ?? lower.ImageSize,
        TestFraction = TestFraction ?? lower.TestFraction, SplitSeed = SplitSeed ?? lower.SplitSeed,
        SkipBadImages = SkipBadImages || lower.SkipBadImages, ImagesInMemory = ImagesInMemory || lower.ImagesInMemory,
        TensorBoard = TensorBoard ?? lower.TensorBoard,
    };
}
