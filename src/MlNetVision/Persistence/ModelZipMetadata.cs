namespace MlNetVision.Persistence;

/// <summary>
/// What MlNetVision adds to an ML.NET model zip (entry <c>MlNetVision/metadata.json</c>); ML.NET ignores the entry,
/// so the zip still loads in any ML.NET app.
/// </summary>
/// <param name="SchemaVersion">Version of this metadata and of the zip's contract: 2 (this build) has <c>PredictedLabel</c> a
/// scalar string and the class names as <c>Score</c>'s slot names; 1 (earlier builds) had <c>PredictedLabel</c> a
/// one-element string vector and <c>Score</c> without slot names. Both load.</param>
/// <param name="Experiment">The experiment that trained it.</param>
/// <param name="Model">The registered model name.</param>
/// <param name="Classes">Class names, in the order of the <c>Score</c> vector.</param>
/// <param name="PipelineImageSize">Side the zip resizes input images to.</param>
/// <param name="CreatedAt">When it was written (UTC).</param>
public sealed record ModelZipMetadata(int SchemaVersion, string Experiment, string Model, IReadOnlyList<string> Classes, int PipelineImageSize, DateTimeOffset CreatedAt)
{
    /// <summary>The schema version this build writes; it reads this one and every earlier one.</summary>
    public const int CurrentSchemaVersion = 2;
}
