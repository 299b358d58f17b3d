using MlNetVision.Models;
using MlNetVision.Registry;
using MlNetVision.Onnx;
using System.Text.Json.Serialization;
using Microsoft.ML;

namespace MlNetVision.Training;

/// <summary>Which optimizer updates the weights.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba), L2 weight decay added to the gradient.</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>SGD with Nesterov momentum.</summary>
    Sgd,
    /// <summary>
    /// Muon (orthogonalised Nesterov momentum, <see cref="Optimizers.Muon"/>) for the convolution filters, at
    /// <see cref="TorchImageClassifierOptions.MuonLearningRate"/> and <see cref="TorchImageClassifierOptions.MuonMomentum"/>;
    /// Nesterov SGD for every other parameter, with all biases in the bias group of
    /// <see cref="TorchImageClassifierOptions.BatchNormBiasLearningRateScale"/> (airbench94_muon's split).
    /// </summary>
    Muon,
}

/// <summary>How the learning rate moves over the run.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The base rate throughout (after any warm-up).</summary>
    Constant,
    /// <summary>Cosine decay from the base rate to zero (after any warm-up).</summary>
    Cosine,
    /// <summary>One-cycle: linear rise to the base rate over the warm-up (default 30% of steps), then cosine decay to zero.</summary>
    OneCycle,
    /// <summary>
    /// Linear warm-up from <see cref="TorchImageClassifierOptions.ScheduleStartFactor"/> × the base rate to the base rate
    /// over the warm-up, then linear decay to <see cref="TorchImageClassifierOptions.ScheduleEndFactor"/> × the base rate (airbench's).
    /// </summary>
    Linear,
}

/// <summary>
/// Options of <see cref="TorchImageClassificationTrainer"/>: the recipe, everything the trained model depends on (model,
/// data shape, optimizer, schedule, augmentation, seed…). How the run executes (threads, device, checkpoints, progress)
/// is a <see cref="TrainingRuntime"/>. Defaults follow the seed study's recipe (Adam 1e-3, batch 64, normalisation
/// (x − 0.5) / 0.5).
/// </summary>
public sealed record TorchImageClassifierOptions
{
    /// <summary>Key-typed label column.</summary>
    public string LabelColumnName { get; init; } = "Label";

    /// <summary>Float vector column of planar RGB pixels in [0, 1], as <c>ExtractPixels(scaleImage: 1/255)</c> gives.</summary>
    public string FeatureColumnName { get; init; } = "Features";

    /// <summary>Output column of class probabilities (slot names: the class names). Not part of the recipe's fingerprint.</summary>
    [JsonIgnore]
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary>Output column of the predicted class name (a string); the same class as a key is <c>{name}Key</c>
    /// (default <c>PredictedLabelKey</c>). Not part of the recipe's fingerprint.</summary>
    [JsonIgnore]
    public string PredictedLabelColumnName { get; init; } = "PredictedLabel";

    /// <summary>
    /// Validation rows (same columns as the training input), like ML.NET's <c>ImageClassificationTrainer</c>'s
    /// <c>ValidationSet</c>: their accuracy is reported after every epoch and picks the best weights of an interrupted run.
    /// Null (default): <see cref="ValidationFraction"/> of the training rows, or none. Not part of the recipe's fingerprint.
    /// </summary>
    [JsonIgnore]
    public IDataView? ValidationSet { get; init; }

    /// <summary>
    /// Called after every epoch (its checkpoint written) with the epoch's record: losses, accuracies, learning rate, seconds,
    /// images/s — like ML.NET's <c>ImageClassificationTrainer</c>'s <c>MetricsCallback</c>. Not part of the recipe.
    /// </summary>
    [JsonIgnore]
    public Action<EpochRecord>? MetricsCallback { get; init; }

    /// <summary>Registered model name (see <c>ModelRegistry</c>).</summary>
    public string ModelName { get; init; } = "simple_cnn";

    /// <summary>Side of the square image the model sees, in pixels; the trainer resizes (bilinear) inside when the
    /// pipeline's images differ, so a 32-px pipeline can feed a 224-px model. 0 = the pipeline's size.</summary>
    public int ImageSize { get; init; }

    /// <summary>Per-channel (R, G, B) mean subtracted after scaling to [0, 1].</summary>
    public float[] Mean { get; init; } = [0.5f, 0.5f, 0.5f];

    /// <summary>Per-channel (R, G, B) standard deviation divided by after subtracting the mean.</summary>
    public float[] Std { get; init; } = [0.5f, 0.5f, 0.5f];

    /// <summary>
    /// Measure <see cref="Mean"/> and <see cref="Std"/> per channel on the training images (up to
    /// <see cref="NormalizationStatistics.MaxImages"/> of them, evenly spaced, before augmentation) instead of using the
    /// given values, so a recipe is not tied to one data set's constants. The measured values go into the model zip and the
    /// training summary. Default false (pretrained weights expect their own statistics, e.g. ImageNet's).
    /// </summary>
    public bool NormalizationFromData { get; init; }

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per optimisation step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Every step reads a full batch: each epoch takes ⌊rows / <see cref="BatchSize"/>⌋ steps and the rows left over after
    /// its shuffle wait for a later epoch (PyTorch's <c>drop_last</c>, as airbench trains). False: the last step of an
    /// epoch reads the remainder.
    /// </summary>
    public bool DropLastBatch { get; init; }

    /// <summary>
    /// The share of its steps the last epoch runs, in (0, 1], rounded up to whole steps; the schedule and the
    /// lookahead span the shortened run. airbench's 9.9 epochs are <see cref="Epochs"/> 10 with 0.9 here.
    /// </summary>
    public double FinalEpochFraction { get; init; } = 1;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Base learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay (L2 for Adam and SGD, decoupled for AdamW).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Momentum for SGD (Nesterov).</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>With <see cref="OptimizerKind.Muon"/>: the filters' peak rate, per step (airbench94_muon: 0.24); the schedule scales it with the others.</summary>
    public double MuonLearningRate { get; init; } = 0.24;
    /// <summary>With <see cref="OptimizerKind.Muon"/>: the filters' Nesterov momentum (airbench94_muon: 0.6).</summary>
    public double MuonMomentum { get; init; } = 0.6;

    /// <summary>The learning-rate schedule, applied per step.</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Linear warm-up length as a fraction of all steps (one-cycle defaults to 0.3 when this is 0).</summary>
    public double WarmupFraction { get; init; }

    /// <summary>With the <see cref="LearningRateScheduleKind.Linear"/> schedule: the rate at step 0, as a fraction of the base rate.</summary>
    public double ScheduleStartFactor { get; init; }

    /// <summary>With the <see cref="LearningRateScheduleKind.Linear"/> schedule: the rate at the last step, as a fraction of the base rate.</summary>
    public double ScheduleEndFactor { get; init; }

    /// <summary>
    /// Learning-rate multiplier for BatchNorm biases (airbench: 64); their weight decay is divided by the same
    /// factor, so the decay per step (rate × decay) stays that of the other weights. 1 = one group.
    /// </summary>
    public double BatchNormBiasLearningRateScale { get; init; } = 1;

    /// <summary>
    /// Lookahead weight averaging (airbench): every this many steps the averaged weights move towards the live
    /// ones, <c>avg ← lerp(avg, live, 1 − d)</c> with <c>d = 0.95^interval · (step / total)³</c>, and the live weights
    /// are reset to the average; the final model is the average. 0 = off.
    /// </summary>
    public int LookaheadInterval { get; init; }

    /// <summary>
    /// Hand the model its batches in channels-last memory layout (NHWC strides, same NCHW shape): oneDNN's CPU
    /// convolutions are faster on it, and the layout carries through the network. TorchSharp 0.107 has no
    /// memory-format API, so the batch is permuted to NHWC, made contiguous and permuted back.
    /// </summary>
    public bool ChannelsLast { get; init; }

    /// <summary>
    /// The number type of the training steps: <see cref="TrainingPrecision.Float32"/> (default) or
    /// <see cref="TrainingPrecision.Bfloat16"/>, bfloat16 forward and backward passes with float32 master weights
    /// (optimizer, checkpoints, evaluation and the exported model stay float32). Not with Muon, Lookahead or a
    /// BatchNorm-bias rate scale.
    /// </summary>
    public TrainingPrecision Precision { get; init; } = TrainingPrecision.Float32;

    /// <summary>Test-time augmentation in the exported model (the zip averages the views' logits).</summary>
    public TestTimeAugmentationKind TestTimeAugmentation { get; init; } = TestTimeAugmentationKind.None;

    /// <summary>Label smoothing of the cross-entropy loss, in [0, 1).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Seed for weight initialisation, shuffling, validation split and dropout; a seeded run is reproducible.</summary>
    public int Seed { get; init; }



    /// <summary>Fraction of the training rows held out (seeded, stratified) to report validation accuracy per epoch; 0 = none.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>
    /// Training-time augmentation, applied per batch as tensor ops before resizing, e.g.
    /// <c>flip,crop:pad=4:mode=reflect,jitter:brightness=0.2:contrast=0.2:saturation=0.2,rotate:degrees=15</c>,
    /// <c>randaugment:n=2:m=9</c>, <c>cutout:size=8</c>; empty = none. See <c>AugmentationPipeline</c>.
    /// </summary>
    public string Augmentation { get; init; } = "";

    /// <summary>Clip the gradient's global L2 norm to this value before each step; 0 = no clipping.</summary>
    public double GradientClipNorm { get; init; }




    /// <summary>
    /// Where the model's starting weights come from: null (default) = the model's own pretrained weights when it
    /// has any (the cached download, or weights bundled with a package), else random initialisation;
    /// <c>none</c> = random initialisation; otherwise the path of a <c>.pth</c> or <c>.safetensors</c> state dict in
    /// the model's parameter naming, loaded strictly (a classifier head of another class count is replaced).
    /// </summary>
    public string? Pretrained { get; init; }

    /// <summary>Train only the classifier head: the backbone's features are computed once (eval mode) and the head
    /// trains on them. Needs a model with a separable backbone (resnet18, resnet18_mlnet_imagenet, deit_tiny_patch16_224).</summary>
    public bool FreezeBackbone { get; init; }


    /// <summary>The epochs as trained, counting the last one by its <see cref="FinalEpochFraction"/> (airbench's recipe: 9.9).</summary>
    public double EpochCount() => Epochs - 1 + FinalEpochFraction;

    /// <summary>Checks every value; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message) { if (!ok) throw new ArgumentException(message); }
        Require(Epochs >= 1, $"Epochs must be at least 1 (got {Epochs}).");
        Require(BatchSize >= 1, $"BatchSize must be at least 1 (got {BatchSize}).");
        Require(FinalEpochFraction is > 0 and <= 1, $"FinalEpochFraction must be in (0, 1] (got {FinalEpochFraction}).");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"LearningRate must be a positive number (got {LearningRate}).");
        Require(WeightDecay >= 0, $"WeightDecay must be non-negative (got {WeightDecay}).");
        Require(LabelSmoothing is >= 0 and < 1, $"LabelSmoothing must be in [0, 1) (got {LabelSmoothing}).");
        Require(ValidationFraction is >= 0 and < 1, $"ValidationFraction must be in [0, 1) (got {ValidationFraction}).");
        Require(ValidationSet is null || ValidationFraction == 0, "Give either ValidationSet or ValidationFraction, not both.");
        Require(!string.IsNullOrWhiteSpace(ScoreColumnName) && !string.IsNullOrWhiteSpace(PredictedLabelColumnName) && ScoreColumnName != PredictedLabelColumnName,
            $"ScoreColumnName and PredictedLabelColumnName must be two different names (got '{ScoreColumnName}' and '{PredictedLabelColumnName}').");
        Require(WarmupFraction is >= 0 and < 1, $"WarmupFraction must be in [0, 1) (got {WarmupFraction}).");
        Require(ScheduleStartFactor >= 0 && ScheduleEndFactor >= 0, $"ScheduleStartFactor and ScheduleEndFactor must be non-negative (got {ScheduleStartFactor}, {ScheduleEndFactor}).");
        Require(BatchNormBiasLearningRateScale > 0, $"BatchNormBiasLearningRateScale must be positive (got {BatchNormBiasLearningRateScale}).");
        Require(BatchNormBiasLearningRateScale == 1 || Optimizer is OptimizerKind.Sgd or OptimizerKind.Muon,
            $"BatchNormBiasLearningRateScale is implemented for the Sgd and Muon optimizers only (got {Optimizer}).");
        Require(MuonLearningRate > 0 && double.IsFinite(MuonLearningRate), $"MuonLearningRate must be a positive number (got {MuonLearningRate}).");
        Require(MuonMomentum is >= 0 and < 1, $"MuonMomentum must be in [0, 1) (got {MuonMomentum}).");
        Require(Precision == TrainingPrecision.Float32 || (Optimizer != OptimizerKind.Muon && LookaheadInterval == 0 && BatchNormBiasLearningRateScale == 1),
            $"Precision {Precision} needs one optimizer group without Lookahead: not with the Muon optimizer, LookaheadInterval or BatchNormBiasLearningRateScale (got {Optimizer}, {LookaheadInterval}, {BatchNormBiasLearningRateScale}).");
        Require(LookaheadInterval >= 0, $"LookaheadInterval must be 0 (off) or positive (got {LookaheadInterval}).");
        Require(ImageSize >= 0, $"ImageSize must be 0 (the pipeline's) or positive (got {ImageSize}).");
        Require(GradientClipNorm >= 0, $"GradientClipNorm must be non-negative (got {GradientClipNorm}).");
        Require(Mean.Length == 3 && Std.Length == 3 && Std.All(s => s > 0), "Mean and Std need three values (R, G, B), Std positive.");
        try { global::MlNetVision.Training.Augmentation.AugmentationPipeline.Parse(Augmentation); }
        catch (Infrastructure.MlNetVisionException e) { throw new ArgumentException(e.Message, e); }
        Require(Pretrained is null || !string.IsNullOrWhiteSpace(Pretrained), "Pretrained must be null (the model's default), 'none' or a checkpoint path.");
        Require(!FreezeBackbone || string.IsNullOrWhiteSpace(Augmentation), "Augmentation cannot apply with FreezeBackbone: the backbone's features are computed once.");
    }
}
