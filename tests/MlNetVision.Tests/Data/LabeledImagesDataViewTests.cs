using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Data;

public class LabeledImagesDataViewTests
{
    private static ImageSet Set()
    {
        // 3 images of 2x3 px: byte k of image i is 40 i + k; labels 2, 0, 1 (bee, zebra, Ant) of classes "zebra", "Ant", "bee" (not sorted).
        const int imageBytes = 3 * 2 * 3;
        var pixels = Enumerable.Range(0, 3 * imageBytes).Select(b => (byte)(40 * (b / imageBytes) + b % imageBytes)).ToArray();
        return new ImageSet("tiny", pixels, [2, 0, 1], ["zebra", "Ant", "bee"], height: 2, width: 3);
    }

    [Fact]
    public void Schema_HasFeaturesOfThreeHwAndKeyLabelWithClassNames()
    {
        var ml = new MLContext(seed: 0);

        var view = LabeledImagesDataView.Create(ml, Set(), 1f / 255);

        var features = Assert.IsType<VectorDataViewType>(view.Schema[ImagePreprocessing.FeatureColumn].Type);
        Assert.Equal(NumberDataViewType.Single, features.ItemType);
        Assert.Equal(3 * 2 * 3, features.Size);
        var label = view.Schema[LabeledImagesDataView.LabelColumn];
        var key = Assert.IsType<KeyDataViewType>(label.Type);
        Assert.Equal(3UL, key.Count);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        label.GetKeyValues(ref names);
        Assert.Equal(new[] { "zebra", "Ant", "bee" }, names.DenseValues().Select(n => n.ToString()));
        Assert.Equal(3L, view.GetRowCount());
    }

    [Fact]
    public void Rows_AreBytesTimesScaleAndOneBasedKeys()
    {
        var ml = new MLContext(seed: 0);
        var set = Set();
        const float scale = 1f / 255;

        var view = LabeledImagesDataView.Create(ml, set, scale);

        var features = view.GetColumn<VBuffer<float>>(ImagePreprocessing.FeatureColumn).Select(v => v.DenseValues().ToArray()).ToList();
        var labels = view.GetColumn<uint>(LabeledImagesDataView.LabelColumn).ToList();
        Assert.Equal(new uint[] { 3, 1, 2 }, labels);
        Assert.Equal(3, features.Count);
        for (int i = 0; i < 3; i++)
            Assert.Equal(set.ImagePixels(i).ToArray().Select(b => b * scale), features[i]);
        Assert.Equal(41 * scale, features[1][1]);
    }

    [Fact]
    public void Rows_OfAPixelCache_AreReadFromDisk()
    {
        using var data = new TempFolder();
        using var cacheFolder = new TempFolder();
        TinyPng.Write(data.Combine("a", "x.png"), 5, 3, 200, 100, 50);
        TinyPng.Write(data.Combine("b", "y.png"), 3, 5, 0, 25, 255);
        var dataset = ImageFolderDataset.Open(data.Path);
        var files = dataset.Train.Concat(dataset.Test).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        using var cache = PixelCache.OpenOrBuild("tests:view", files, dataset.ClassNames, 4,
            new PixelCacheOptions { Directory = cacheFolder.Path, ShowProgress = false }, TextWriter.Null);
        var ml = new MLContext(seed: 0);

        var view = LabeledImagesDataView.Create(ml, cache, 2f);

        var features = view.GetColumn<VBuffer<float>>(ImagePreprocessing.FeatureColumn).Select(v => v.DenseValues().ToArray()).ToList();
        Assert.Equal(new uint[] { 1, 2 }, view.GetColumn<uint>(LabeledImagesDataView.LabelColumn));
        Assert.Equal(PreprocessedPixels.ReadAll(cache).Select(image => image.Select(v => 2 * v)), features);
        Assert.Equal(new[] { 400f, 200f, 100f }, new[] { features[0][0], features[0][16], features[0][32] });
        Assert.Equal(new[] { 0f, 50f, 510f }, new[] { features[1][0], features[1][16], features[1][32] });
    }

    [Fact]
    public void ImagesOf_GivesTheImagesForTheSameScaleOnly()
    {
        var ml = new MLContext(seed: 0);
        var set = Set();
        var view = LabeledImagesDataView.Create(ml, set, 1f / 255);

        Assert.Same(set, LabeledImagesDataView.ImagesOf(view, 1f / 255));
        Assert.Null(LabeledImagesDataView.ImagesOf(view, 1f));
        Assert.Null(LabeledImagesDataView.ImagesOf(ml.Transforms.CopyColumns("Other", "Label").Fit(view).Transform(view), 1f / 255));
    }

    [Fact]
    public void View_FeedsMlNetTransforms()
    {
        var ml = new MLContext(seed: 0);
        var view = LabeledImagesDataView.Create(ml, Set(), 1f);

        var mapped = ml.Transforms.Conversion.MapKeyToValue("Name", LabeledImagesDataView.LabelColumn).Fit(view).Transform(view);

        Assert.Equal(new[] { "bee", "zebra", "Ant" }, mapped.GetColumn<ReadOnlyMemory<char>>("Name").Select(n => n.ToString()));
    }
}
