using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MlNetVision.Data;

/// <summary>
/// Exposes an <see cref="ImageSet"/> as an <see cref="IDataView"/> with a <c>Label</c> column (class
/// name) and an <c>Image</c> column of ML.NET's image type, so that <c>ResizeImages</c> and
/// <c>ExtractPixels</c> apply directly. Images are built lazily, row by row, on each cursor.
/// </summary>
public static class ImageSetDataView
{
    /// <summary>The label column (string class name).</summary>
    public const string LabelColumn = "Label";

    /// <summary>The image column (<see cref="MLImage"/>).</summary>
    public const string ImageColumn = "Image";

    /// <summary>Creates the data view.</summary>
    public static IDataView Create(MLContext mlContext, ImageSet images)
    {
        var schema = SchemaDefinition.Create(typeof(ImageRow));
        if (images.Height != Cifar10Format.ImageSize || images.Width != Cifar10Format.ImageSize)
            schema[ImageColumn].ColumnType = new ImageDataViewType(images.Height, images.Width);
        return mlContext.Data.LoadFromEnumerable(Rows(images), schema);
    }

    /// <summary>An RGBA copy of one planar image, as ML.NET's image type.</summary>
    public static MLImage ToMLImage(ImageSet images, int index)
    {
        var planar = images.ImagePixels(index);
        int plane = images.Height * images.Width;
        var rgba = new byte[plane * 4];
        for (int p = 0; p < plane; p++)
        {
            rgba[4 * p] = planar[p];
            rgba[4 * p + 1] = planar[plane + p];
            rgba[4 * p + 2] = planar[2 * plane + p];
            rgba[4 * p + 3] = 255;
        }
        return MLImage.CreateFromPixels(images.Width, images.Height, MLPixelFormat.Rgba32, rgba);
    }

    private static IEnumerable<ImageRow> Rows(ImageSet images)
    {
        for (int i = 0; i < images.Count; i++)
            yield return new ImageRow { Label = images.ClassNames[images.Labels[i]], Image = ToMLImage(images, i) };
    }

    private sealed class ImageRow
    {
        public string Label { get; set; } = "";
        [ImageType(Cifar10Format.ImageSize, Cifar10Format.ImageSize)]
        public MLImage? Image { get; set; }
    }
}
