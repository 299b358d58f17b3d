using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetVision.Data;

/// <summary>
/// Exposes <see cref="ILabeledImages"/> as the <see cref="IDataView"/> a trainer reads after <see cref="ImagePreprocessing"/>:
/// <c>Features</c> (planar RGB floats, the bytes times a pixel scale) and a key-typed <c>Label</c> whose key values are the
/// class names. Rows are read on demand, so a disk cache stays on disk; MlNetVision's trainer recognises the view and reads
/// the images directly, without copying them.
/// </summary>
public static class LabeledImagesDataView
{
    /// <summary>The label column (key type, class names as key values).</summary>
    public const string LabelColumn = "Label";

    /// <summary>Creates the view; <paramref name="pixelScale"/> multiplies the 0–255 bytes (1/255 for [0, 1]).</summary>
    public static IDataView Create(MLContext ml, ILabeledImages images, float pixelScale)
    {
        int length = 3 * images.Height * images.Width;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        var label = schema[nameof(Row.Label)];
        label.ColumnType = new KeyDataViewType(typeof(uint), images.ClassNames.Count);
        var names = new VBuffer<ReadOnlyMemory<char>>(images.ClassNames.Count, images.ClassNames.Select(n => n.AsMemory()).ToArray());
        label.AddAnnotation("KeyValues", names, new VectorDataViewType(TextDataViewType.Instance, images.ClassNames.Count));
        return new View(images, pixelScale, ml.Data.LoadFromEnumerable(Rows(images, pixelScale), schema));
    }

    /// <summary>The images behind <paramref name="data"/> when it is such a view (not transformed since), else null.</summary>
    internal static ILabeledImages? ImagesOf(IDataView data, float pixelScale) =>
        data is View view && view.PixelScale == pixelScale ? view.Images : null;

    private static IEnumerable<Row> Rows(ILabeledImages images, float scale)
    {
        int length = 3 * images.Height * images.Width;
        var bytes = new byte[length];
        for (int i = 0; i < images.Count; i++)
        {
            images.CopyImages([i], bytes);
            var features = new float[length];
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<byte, float>(bytes, features);
            System.Numerics.Tensors.TensorPrimitives.Multiply(features, scale, features);
            // LoadFromEnumerable takes a key column's values 0-based and adds the 1 itself (0 is the missing key).
            yield return new Row { Features = features, Label = (uint)images.Labels[i] };
        }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    /// <summary>The enumerable view, carrying the images it reads.</summary>
    private sealed class View(ILabeledImages images, float pixelScale, IDataView inner) : IDataView
    {
        public ILabeledImages Images { get; } = images;
        public float PixelScale { get; } = pixelScale;
        public bool CanShuffle => inner.CanShuffle;
        public DataViewSchema Schema => inner.Schema;
        public long? GetRowCount() => Images.Count;
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => inner.GetRowCursor(columnsNeeded, rand);
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            inner.GetRowCursorSet(columnsNeeded, n, rand);
    }
}
