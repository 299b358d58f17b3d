using Microsoft.ML;
using MlNetVision.Data;
using MlNetVision.Suite.Reporting;
using MlNetVision.Training;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// The images one run trains and tests on, whatever their source: CIFAR-10's binary files (held in memory, 150 MB) or an
/// image folder (decoded once into <see cref="PixelCache"/>s at the run's image size, read from disk). Disposing closes the
/// caches.
/// </summary>
public sealed class RunData : IDisposable
{
    private readonly List<IDisposable> _owned;

    internal RunData(ILabeledImages train, ILabeledImages test, ILabeledImages? validation, int imageSize, DatasetInfo description, List<IDisposable> owned,
        IReadOnlyList<string> testSources)
    {
        if (testSources.Count != test.Count) throw new ArgumentException($"{testSources.Count} sources for {test.Count} test images.", nameof(testSources));
        TestSources = testSources;
        Train = train;
        Test = test;
        Validation = validation;
        ImageSize = imageSize;
        Description = description;
        _owned = owned;
    }

    /// <summary>Training images (after any <c>--limit-train</c>).</summary>
    public ILabeledImages Train { get; }

    /// <summary>Test images (after any <c>--limit-test</c>).</summary>
    public ILabeledImages Test { get; }

    /// <summary>Where each test image came from, by test index: its path relative to the data folder (with <c>/</c>) for an
    /// image folder, <c>test_batch.bin#i</c> for CIFAR-10.</summary>
    public IReadOnlyList<string> TestSources { get; }

    /// <summary>The folder's own validation images (<c>DIR/val</c>), or null.</summary>
    public ILabeledImages? Validation { get; }

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> ClassNames => Train.ClassNames;

    /// <summary>The side the pipeline resizes images to (what the zip's ResizeImages does).</summary>
    public int ImageSize { get; }

    /// <summary>The data set as the report describes it (counts filled in by the report builder).</summary>
    public DatasetInfo Description { get; }

    /// <summary>
    /// <paramref name="images"/> as the estimator's input (<c>Features</c> scaled by <paramref name="preprocessing"/>'s pixel scale,
    /// key <c>Label</c>): directly when they already have the pipeline's size (a cache, or CIFAR-10 at 32 px), else through
    /// <paramref name="preprocessing"/>'s ResizeImages and ExtractPixels.
    /// </summary>
    public IDataView Features(MLContext ml, ILabeledImages images, ImagePreprocessing preprocessing)
    {
        if (images.Height == preprocessing.Size && images.Width == preprocessing.Size)
            return LabeledImagesDataView.Create(ml, images, preprocessing.PixelScale);
        var set = images.LoadIntoMemory();
        var view = ImageSetDataView.Create(ml, set);
        return preprocessing.Append(ml, ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: ClassifierTransformers.ClassNamesView(ml, set.ClassNames)))
            .Fit(view).Transform(view);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
    }
}
