namespace MlNetVision.Serving;

/// <summary>What <c>GET /model</c> answers.</summary>
/// <param name="File">The zip's file name.</param>
/// <param name="SchemaVersion">The zip contract's version.</param>
/// <param name="Experiment">The experiment that trained it.</param>
/// <param name="Model">The network's name.</param>
/// <param name="Classes">Class names, in the order of the <c>Score</c> vector.</param>
/// <param name="InputSize">Side the zip resizes input images to.</param>
/// <param name="CreatedAt">When the zip was written.</param>
/// <param name="Metrics">Test metrics from a <c>report.json</c> beside the zip, or null.</param>
/// <param name="Limits">The app's <see cref="ServingOptions.MaxUploadBytes"/> and <see cref="ServingOptions.MaxPixels"/>.</param>
public sealed record ModelInfo(string File, int SchemaVersion, string Experiment, string Model, IReadOnlyList<string> Classes, int InputSize,
    DateTimeOffset CreatedAt, ReportMetrics? Metrics, ServingLimits Limits);
