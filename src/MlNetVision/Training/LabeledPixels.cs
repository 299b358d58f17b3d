using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Infrastructure;

namespace MlNetVision.Training;

/// <summary>
/// Gets a data view's <c>Features</c> (planar RGB floats in [0, 1]) and key-typed <c>Label</c> columns as
/// <see cref="ILabeledImages"/> for training: a <see cref="LabeledImagesDataView"/> (a pixel cache or an image set) is used as
/// it is; any other view is read once, row by row, into a temporary uint8 pixel file (deleted when the returned owner is
/// disposed), so training never holds the decoded set in memory and never goes back to the IDataView.
/// </summary>
internal static class LabeledPixels
{
    /// <summary>The pixel scale the trainer's features have.</summary>
    public const float FeatureScale = 1f / 255;

    /// <summary>Reads every row; <paramref name="progress"/> receives the rows read so far. Dispose the owner (if any) when done.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="featureColumn">Pixel vector column.</param>
    /// <param name="labelColumn">Key label column.</param>
    /// <param name="tempFolder">Where the rows' pixel file goes (the caller's <c>MLContext.TempFilePath</c>); null: the system's temp folder.</param>
    /// <param name="progress">Rows read so far.</param>
    /// <exception cref="ArgumentException">The columns are missing or of the wrong type.</exception>
    public static (ILabeledImages Images, IDisposable? Owner) Read(IDataView data, string featureColumn, string labelColumn, string? tempFolder = null,
        Action<long>? progress = null)
    {
        var (size, classNames) = Describe(data.Schema, featureColumn, labelColumn);
        if (featureColumn == ImagePreprocessing.FeatureColumn && labelColumn == LabeledImagesDataView.LabelColumn
            && LabeledImagesDataView.ImagesOf(data, FeatureScale) is { } images)
            return (images, null);
        int imageBytes = 3 * size * size;
        var path = Path.Combine(tempFolder ?? Path.GetTempPath(), $"mlnetvision-pixels-{Guid.NewGuid():N}.u8");
        var labels = new List<int>();
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using var cursor = data.GetRowCursor(data.Schema.Where(c => c.Name == featureColumn || c.Name == labelColumn));
                var getFeatures = cursor.GetGetter<VBuffer<float>>(data.Schema[featureColumn]);
                var getLabel = cursor.GetGetter<uint>(data.Schema[labelColumn]);
                var features = default(VBuffer<float>);
                uint key = 0;
                var bytes = new byte[imageBytes];
                long row = 0;
                while (cursor.MoveNext())
                {
                    getLabel(ref key);
                    if (key == 0 || key > classNames.Count)
                        throw new InvalidDatasetException($"Row {row}: the label is missing or not one of the {classNames.Count} known classes.");
                    getFeatures(ref features);
                    var dense = features.DenseValues().GetEnumerator();
                    for (int i = 0; i < imageBytes && dense.MoveNext(); i++)
                    {
                        float v = dense.Current;
                        if (!(v >= 0f && v <= 1.0001f))
                            throw new InvalidDatasetException($"Row {row}: feature {i} is {v}; expected pixels scaled to [0, 1] (ExtractPixels with scaleImage: 1/255).");
                        bytes[i] = (byte)MathF.Round(v * 255f);
                    }
                    file.Write(bytes);
                    labels.Add((int)key - 1);
                    if (++row % 1000 == 0) progress?.Invoke(row);
                }
                progress?.Invoke(row);
                if (row == 0) throw new InvalidDatasetException("The training data has no rows.");
            }
            var cache = PixelCache.OverTemporaryFile(path, "training data", size, size, classNames, labels.ToArray());
            return (cache, cache);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The pipeline image side and class names implied by the schema.</summary>
    public static (int ImageSize, IReadOnlyList<string> ClassNames) Describe(DataViewSchema schema, string featureColumn, string labelColumn)
    {
        var feature = schema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentException($"Feature column '{featureColumn}' not found; columns: {string.Join(", ", schema.Select(c => c.Name))}.");
        if (feature.Type is not VectorDataViewType { ItemType: NumberDataViewType n, Size: > 0 } vector || n.RawType != typeof(float))
            throw new ArgumentException($"Feature column '{featureColumn}' must be a known-size vector of float (from ExtractPixels); it is {feature.Type}.");
        int size = (int)Math.Round(Math.Sqrt(vector.Size / 3.0));
        if (3 * size * size != vector.Size)
            throw new ArgumentException($"Feature column '{featureColumn}' has {vector.Size} values, not 3·S·S for a square RGB image.");
        var label = schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentException($"Label column '{labelColumn}' not found; columns: {string.Join(", ", schema.Select(c => c.Name))}.");
        if (label.Type is not KeyDataViewType { RawType: var raw } keyType || raw != typeof(uint))
            throw new ArgumentException($"Label column '{labelColumn}' must be a key type (use MapValueToKey); it is {label.Type}.");
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        if (!label.HasKeyValues())
            throw new ArgumentException($"Label column '{labelColumn}' has no key values (class names); use MapValueToKey on the class-name column.");
        label.GetKeyValues(ref names);
        var classNames = names.DenseValues().Select(v => v.ToString()).ToList();
        if (classNames.Count != (int)keyType.Count)
            throw new ArgumentException($"Label column '{labelColumn}' has {keyType.Count} keys but {classNames.Count} names.");
        return (size, classNames);
    }
}
