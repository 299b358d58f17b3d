using System.Diagnostics;
using Microsoft.ML;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.Artifacts;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Writes the files a report is rebuilt from without the model, beside <c>report.json</c>: <see cref="PredictionsFile"/>
/// (from the scores the evaluation computed), <see cref="GalleryFile"/> and <see cref="AugmentationFile"/>. Each is written on
/// its own: one that fails is left out of <see cref="ArtifactsInfo"/>, and the failure goes to the log and into the report's
/// notes (the run, its model and its report stay).
/// </summary>
/// <param name="folder">The run folder.</param>
/// <param name="log">Where progress and failures are written.</param>
public sealed class RunArtifacts(RunFolder folder, TextWriter log)
{
    private readonly List<string> _failures = [];

    /// <summary>What went wrong, one line per file not written.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>
    /// Writes the three files and returns <paramref name="artifacts"/> with the ones written.
    /// </summary>
    /// <param name="artifacts">The report's artifacts so far.</param>
    /// <param name="scored">The scored test set the evaluation read (cached, so reading it again runs no model).</param>
    /// <param name="data">The run's data.</param>
    /// <param name="classes">Class names by index.</param>
    /// <param name="augmentation">The recipe's augmentation spec (null or empty: none).</param>
    /// <param name="seed">The recipe's seed.</param>
    /// <param name="modelImageSize">The side of the images the model saw.</param>
    public ArtifactsInfo Write(ArtifactsInfo artifacts, IDataView scored, RunData data, IReadOnlyList<string> classes,
        string? augmentation, long seed, int modelImageSize)
    {
        var clock = Stopwatch.StartNew();
        var predictions = Try(PredictionsFile.FileName, () =>
        {
            var file = TestPredictions.Read(scored, classes, data.TestSources);
            ArtifactJson.Write(file, folder.Combine(PredictionsFile.FileName));
            return file;
        });
        if (predictions is not null) artifacts = artifacts with { Predictions = PredictionsFile.FileName };
        if (predictions is not null && Try(GalleryFile.FileName, () =>
            {
                var shown = GallerySelection.From(predictions).All;
                var pngs = Thumbnails.Encode(data.Test, shown);
                ArtifactJson.Write(new GalleryFile(GalleryFile.CurrentSchemaVersion, Thumbnails.DefaultSize,
                    shown.Select((i, k) => new GalleryImage(i, pngs[k])).ToList()), folder.Combine(GalleryFile.FileName));
                return true;
            }))
            artifacts = artifacts with { Gallery = GalleryFile.FileName };
        if (Try(AugmentationFile.FileName, () =>
            {
                ArtifactJson.Write(AugmentationPreview.Render(data.Train, augmentation, seed, modelImageSize), folder.Combine(AugmentationFile.FileName));
                return true;
            }))
            artifacts = artifacts with { Augmentation = AugmentationFile.FileName };
        log.WriteLine($"wrote {string.Join(", ", new[] { artifacts.Predictions, artifacts.Gallery, artifacts.Augmentation }.OfType<string>())} in {clock.Elapsed.TotalSeconds:0.0} s");
        return artifacts;
    }

    private T? Try<T>(string file, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var message = $"{file} was not written: {e.GetType().Name}: {e.Message}";
            _failures.Add(message);
            log.WriteLine($"warning: {message}");
            return default;
        }
    }
}
