using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;

namespace MlNetVision.Tests.TestSupport;

/// <summary>What ML.NET's own serving preprocessing (<see cref="ImagePreprocessing.FromImagePath"/>, unscaled) makes of image files.</summary>
public static class PreprocessedPixels
{
    /// <summary>The feature vector of every file, in order.</summary>
    public static float[][] Of(IEnumerable<string> paths, int size)
    {
        var ml = new MLContext(seed: 0);
        var view = ml.Data.LoadFromEnumerable(paths.Select(p => new PathRow { ImagePath = p }).ToList());
        var features = new ImagePreprocessing(size, PixelScale: 1f).FromImagePath(ml).Fit(view).Transform(view);
        return features.GetColumn<VBuffer<float>>(ImagePreprocessing.FeatureColumn).Select(v => v.DenseValues().ToArray()).ToArray();
    }

    /// <summary>Images <paramref name="indices"/> of <paramref name="images"/> as floats, one array per image.</summary>
    public static float[][] Read(ILabeledImages images, params int[] indices)
    {
        int imageBytes = 3 * images.Height * images.Width;
        var bytes = new byte[indices.Length * imageBytes];
        images.CopyImages(indices, bytes);
        return Enumerable.Range(0, indices.Length).Select(i => bytes.AsSpan(i * imageBytes, imageBytes).ToArray().Select(b => (float)b).ToArray()).ToArray();
    }

    /// <summary>Every image of <paramref name="images"/> as floats.</summary>
    public static float[][] ReadAll(ILabeledImages images) => Read(images, Enumerable.Range(0, images.Count).ToArray());

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
