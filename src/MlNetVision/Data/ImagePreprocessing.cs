using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MlNetVision.Data;

/// <summary>
/// The one definition of the image preprocessing a classifier is trained on and served with: ResizeImages
/// (<see cref="Resizing"/>, to a square side) then ExtractPixels (scaled). Training appends it after its own
/// first steps on the <c>Image</c> column of an image set; the model zip starts it with LoadImages from
/// <c>ImagePath</c>. Both go through <see cref="Append"/>, so the zip cannot drift from what was trained.
/// </summary>
/// <param name="Size">The side, in pixels, ResizeImages produces.</param>
/// <param name="PixelScale">The factor ExtractPixels multiplies the 0–255 byte values by.</param>
public sealed record ImagePreprocessing(int Size, float PixelScale)
{
    /// <summary>The image column the transforms read and resize in place.</summary>
    public const string ImageColumn = "Image";

    /// <summary>The pixel vector column ExtractPixels writes.</summary>
    public const string FeatureColumn = "Features";

    /// <summary>How ResizeImages fits an image to the square: scale the shorter side, then crop the centre.</summary>
    public const ImageResizingEstimator.ResizingKind Resizing = ImageResizingEstimator.ResizingKind.IsoCrop;

    /// <summary>
    /// <paramref name="start"/> followed by ResizeImages (<see cref="Resizing"/>, <see cref="Size"/> square, on
    /// <see cref="ImageColumn"/>) and ExtractPixels (<see cref="PixelScale"/>, into <see cref="FeatureColumn"/>).
    /// </summary>
    public EstimatorChain<ImagePixelExtractingTransformer> Append(MLContext ml, IEstimator<ITransformer> start) =>
        start.Append(ml.Transforms.ResizeImages(ImageColumn, Size, Size, ImageColumn, Resizing))
            .Append(ml.Transforms.ExtractPixels(FeatureColumn, ImageColumn, scaleImage: PixelScale));

    /// <summary>
    /// The serving preprocessing: LoadImages from <see cref="ImageFolderReader.ImagePathColumn"/> (no base folder, so
    /// absolute or working-directory-relative paths) into <see cref="ImageColumn"/>, then <see cref="Append"/>.
    /// </summary>
    public EstimatorChain<ImagePixelExtractingTransformer> FromImagePath(MLContext ml) =>
        Append(ml, ml.Transforms.LoadImages(ImageColumn, imageFolder: "", ImageFolderReader.ImagePathColumn));
}
