using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Onnx;
using MlNetVision.Onnx;

namespace MlNetVision.Training;

/// <summary>
/// The stock ML.NET transformers that a trained network becomes: <c>ApplyOnnxModel</c> (the ONNX bytes
/// are stored inside any zip <c>mlContext.Model.Save</c> writes) producing <c>Score</c> and
/// <c>PredictedLabel</c>, then <c>MapValueToKey</c> giving <c>PredictedLabelKey</c> with the class names as
/// key values, so <c>MulticlassClassification.Evaluate</c> works on the output.
/// </summary>
/// <remarks>
/// ML.NET's <c>ApplyOnnxModel</c> over a stream copies the model to a temporary file that nothing deletes, not even
/// disposing the transformer (tens of megabytes per trained model, left in the temp folder for good). So the chain is
/// built over a file this class writes and deletes (<see cref="Fit"/>, <see cref="OutputSchema"/>), and
/// <see cref="Fit"/> hands back the chain as ML.NET loads it from a zip, whose ONNX transformer deletes its copy
/// when disposed: dispose what <see cref="Fit"/> returns (or the pipeline holding it).
/// ML.NET 6.0.0 (as 5.0.1) maps every ONNX output to a vector column (a rank-0 output crashes its ONNX transformer)
/// and has no stock vector-to-scalar transform, so <c>PredictedLabel</c> is a one-element string vector:
/// bind it as <c>string[]</c>.
/// </remarks>
internal static class ClassifierTransformers
{
    /// <summary>Key-typed predicted label column, for Evaluate.</summary>
    public const string PredictedLabelKeyColumn = "PredictedLabelKey";

    /// <summary>
    /// The fitted chain over an ONNX classifier (see <see cref="ClassifierOnnxExporter"/>) for <paramref name="input"/>'s
    /// schema; disposing it deletes the temporary copy of the model ONNX Runtime reads.
    /// </summary>
    public static TransformerChain<ITransformer> Fit(MLContext mlContext, byte[] onnx, IReadOnlyList<string> classNames, string featureColumn, IDataView input)
    {
        using var file = new TemporaryOnnxFile(mlContext, onnx);
        using var zip = new MemoryStream();
        var fitted = Estimator(mlContext, file.Path, classNames, featureColumn).Chain.Fit(input);
        try
        {
            mlContext.Model.Save(fitted, input.Schema, zip);
        }
        finally
        {
            fitted.Dispose();
        }
        zip.Position = 0;
        return (TransformerChain<ITransformer>)mlContext.Model.Load(zip, out _);
    }

    /// <summary>
    /// The chain's output schema for <paramref name="input"/> (adding <c>Score</c>, <c>PredictedLabel</c>,
    /// <c>PredictedLabelKey</c>, and <c>Features</c> when the feature column has another name), for an estimator's
    /// <c>GetOutputSchema</c> before any network exists: computed over a stand-in graph
    /// (<see cref="ClassifierOnnxExporter.ShapeProxy"/>) whose ONNX transformer is then released and its file deleted.
    /// </summary>
    public static SchemaShape OutputSchema(MLContext mlContext, string featureColumn, SchemaShape input)
    {
        const int features = 3;
        string[] classNames = ["class0", "class1"];
        using var file = new TemporaryOnnxFile(mlContext, ClassifierOnnxExporter.ShapeProxy(features, classNames));
        var (chain, apply) = Estimator(mlContext, file.Path, classNames, featureColumn);
        var output = chain.GetOutputSchema(input);
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        apply.Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), definition)).Dispose();   // the estimator's own transformer: closes the file
        return output;
    }

    private static (EstimatorChain<ValueToKeyMappingTransformer> Chain, OnnxScoringEstimator Apply) Estimator(MLContext mlContext, string onnxPath,
        IReadOnlyList<string> classNames, string featureColumn)
    {
        var apply = mlContext.Transforms.ApplyOnnxModel(
            [ClassifierOnnxExporter.ScoreName, ClassifierOnnxExporter.PredictedLabelName],
            [featureColumn == ClassifierOnnxExporter.FeaturesName ? featureColumn : ClassifierOnnxExporter.FeaturesName],
            onnxPath);
        var keys = mlContext.Transforms.Conversion.MapValueToKey(PredictedLabelKeyColumn, ClassifierOnnxExporter.PredictedLabelName,
            keyData: ClassNamesView(mlContext, classNames));
        var chain = featureColumn == ClassifierOnnxExporter.FeaturesName ? apply.Append(keys)
            : mlContext.Transforms.CopyColumns(ClassifierOnnxExporter.FeaturesName, featureColumn).Append(apply).Append(keys);
        return (chain, apply);
    }

    /// <summary>
    /// The class names as a one-column data view, for <c>MapValueToKey(keyData: …)</c>: keys then follow the class
    /// order (not the order values first appear in the data).
    /// </summary>
    public static IDataView ClassNamesView(MLContext mlContext, IEnumerable<string> classNames) =>
        mlContext.Data.LoadFromEnumerable(classNames.Select(n => new ClassName { Value = n }));

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }

    /// <summary>The model bytes in a file of their own under ML.NET's temp folder, deleted on dispose.</summary>
    private sealed class TemporaryOnnxFile : IDisposable
    {
        public TemporaryOnnxFile(MLContext mlContext, byte[] onnx)
        {
            Path = System.IO.Path.Combine(mlContext.TempFilePath, $"mlnetvision-{Guid.NewGuid():N}.onnx");
            File.WriteAllBytes(Path, onnx);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
