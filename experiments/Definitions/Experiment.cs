using System.Text.Json.Serialization;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Definitions;

/// <summary>
/// One experiment: a name, the pipeline's image size and the trainer options, written as a small
/// override of <see cref="ExperimentCatalog.SeedRecipe"/>.
/// </summary>
/// <param name="Name">CLI name, such as <c>simple-cnn</c>.</param>
/// <param name="Description">One line for <c>list</c>.</param>
/// <param name="PipelineImageSize">Side ML.NET's ResizeImages produces before ExtractPixels, in pixels.</param>
/// <param name="Trainer">The trainer's options.</param>
/// <param name="PublishedAccuracy">The seed study's test accuracy for this recipe, when it published one.</param>
/// <param name="PublishedMacroF1">The seed study's macro F1 for this recipe, when it published one.</param>
/// <param name="Notes">Remarks copied into every report of the experiment (what is known about the recipe).</param>
/// <param name="Kind">The estimator the pipeline ends in (default: the TorchSharp trainer with <paramref name="Trainer"/>).</param>
public sealed record Experiment(string Name, string Description, int PipelineImageSize, TorchImageClassifierOptions Trainer,
    double? PublishedAccuracy = null, double? PublishedMacroF1 = null, string? Notes = null, ExperimentKind Kind = ExperimentKind.Torch)
{
    /// <summary>
    /// The default side images of an image folder are resized to (and the zip's input): the model's input size in the recipe,
    /// else <see cref="PipelineImageSize"/>. CIFAR-10's binary images stay at <see cref="PipelineImageSize"/> (32 px) and the
    /// trainer resizes inside. <c>--image-size</c> overrides both.
    /// </summary>
    public int FolderImageSize => Trainer.ImageSize > 0 ? Trainer.ImageSize : PipelineImageSize;

    /// <summary>The experiment file this experiment was read from (<c>run FILE.json</c>); null for the catalog's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SourceFile { get; init; }

    /// <summary>SHA-256 of <see cref="SourceFile"/>'s bytes as read; null for the catalog's experiments.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SourceSha256 { get; init; }
}
