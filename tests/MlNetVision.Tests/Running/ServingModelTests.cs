using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetVision.Data;
using MlNetVision.Experiments.Running;
using MlNetVision.Persistence;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Running;

/// <summary>
/// The zip <see cref="ServingModel"/> saves preprocesses an image file exactly as training preprocessed the image:
/// its scores equal the fitted pipeline's, on images that are not square (so the resizing kind matters).
/// </summary>
public class ServingModelTests
{
    private const int Size = 32;
    private static readonly ImagePreprocessing Preprocessing = new(Size, 1f / 255);

    /// <summary>48 wide, 32 high: the class's channel dominates the centre, the side bands are noise that a crop drops.</summary>
    private static ImageSet WideImages(int count, int seed)
    {
        const int height = 32, width = 48;
        var random = new Random(seed);
        int plane = height * width;
        var pixels = new byte[count * 3 * plane];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % SyntheticImages.ClassNames.Length;
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < height; y++)
                    for (int x = 0; x < width; x++)
                    {
                        bool side = x < 8 || x >= width - 8;
                        int value = side ? random.Next(256) : (c == labels[i] ? 170 : 70) + random.Next(-60, 60);
                        pixels[(i * 3 + c) * plane + y * width + x] = (byte)Math.Clamp(value, 0, 255);
                    }
        }
        return new ImageSet("wide", pixels, labels, SyntheticImages.ClassNames, height, width);
    }

    /// <summary>Fits preprocessing and a one-epoch simple CNN, as <see cref="ExperimentRunner"/> does.</summary>
    private static TransformerChain<ITransformer> Train(MLContext ml) =>
        Preprocessing.Append(ml, ml.Transforms.Conversion.MapValueToKey("Label", "Label", keyData: ClassifierTransformers.ClassNamesView(ml, SyntheticImages.ClassNames)))
            .Append(new TorchImageClassificationTrainer(ml, Pipelines.QuickOptions() with { Epochs = 1 }, Pipelines.QuickRuntime, TextWriter.Null))
            .Fit(View(ml, WideImages(48, seed: 1)));

    /// <summary>
    /// The images as training sees them (<c>Label</c>, <c>Image</c>); <see cref="ImageSetDataView"/> itself cannot
    /// declare a 32 x 48 image column (ML.NET refuses a schema-definition image type), so the row type declares it.
    /// </summary>
    private static IDataView View(MLContext ml, ImageSet images) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, images.Count)
            .Select(i => new WideRow { Label = images.ClassNames[images.Labels[i]], Image = ImageSetDataView.ToMLImage(images, i) }));

    private static List<float[]> InMemoryScores(MLContext ml, ITransformer model, ImageSet images)
    {
        var scored = model.Transform(View(ml, images));
        return scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToList();
    }

    private static List<float[]> ZipScores(string zip, ImageSet images, TempFolder folder)
    {
        var paths = Enumerable.Range(0, images.Count).Select(i =>
        {
            var path = folder.Combine($"image-{i}.png");
            using var image = ImageSetDataView.ToMLImage(images, i);
            image.Save(path);
            return path;
        }).ToList();
        var ml = new MLContext();
        var (model, _) = ModelZip.Load(ml, zip);
        using var lifetime = (IDisposable)model;
        return new ImagePredictor(ml, model).Predict(paths).Select(p => p.Scores).ToList();
    }

    private static ModelZipMetadata Metadata() =>
        new(ModelZipMetadata.CurrentSchemaVersion, "test", "simple_cnn", SyntheticImages.ClassNames, Size, DateTimeOffset.UtcNow);

    [Fact]
    public void Save_ImageFiles_ScoreAsTheFittedPipelineScoresTheImages()
    {
        var ml = new MLContext(seed: 1);
        using var fitted = Train(ml);
        using var temp = new TempFolder();
        var zip = temp.Combine("model.zip");
        ServingModel.Save(ml, fitted.LastTransformer, Preprocessing, zip, Metadata());
        var images = WideImages(9, seed: 2);

        var expected = InMemoryScores(ml, fitted, images);
        var actual = ZipScores(zip, images, temp);

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            for (int k = 0; k < expected[i].Length; k++)
                Assert.True(Math.Abs(expected[i][k] - actual[i][k]) < 1e-5, $"image {i}, class {k}: trained {expected[i][k]}, zip {actual[i][k]}");
    }

    [Fact]
    public void Save_ZipWithAnotherResizing_WouldScoreDifferently()
    {
        // The check above can fail: the same classifier behind IsoPad instead of IsoCrop scores these images differently.
        var ml = new MLContext(seed: 1);
        using var fitted = Train(ml);
        using var temp = new TempFolder();
        var zip = temp.Combine("padded.zip");
        var input = ml.Data.LoadFromEnumerable(Array.Empty<PathRow>());
        var padded = ml.Transforms.LoadImages(ImagePreprocessing.ImageColumn, "", ImageFolderReader.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages(ImagePreprocessing.ImageColumn, Size, Size, ImagePreprocessing.ImageColumn, ImageResizingEstimator.ResizingKind.IsoPad))
            .Append(ml.Transforms.ExtractPixels(ImagePreprocessing.FeatureColumn, ImagePreprocessing.ImageColumn, scaleImage: Preprocessing.PixelScale))
            .Fit(input).Append(fitted.LastTransformer);
        ModelZip.Save(ml, padded, input.Schema, Metadata(), zip);
        var images = WideImages(9, seed: 2);

        var expected = InMemoryScores(ml, fitted, images);
        var actual = ZipScores(zip, images, temp);

        double largest = expected.Zip(actual).SelectMany(p => p.First.Zip(p.Second, (a, b) => Math.Abs(a - b))).Max();
        Assert.True(largest > 1e-3, $"largest score difference {largest}");
    }

    private sealed class WideRow
    {
        public string Label { get; set; } = "";
        [ImageType(32, 48)]
        public MLImage? Image { get; set; }
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
