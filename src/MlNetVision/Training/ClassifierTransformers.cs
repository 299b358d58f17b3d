using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Onnx;

namespace MlNetVision.Training;

/// <summary>
/// The stock ML.NET transformers that a trained network becomes (the zip contract, version 2): <c>ApplyOnnxModel</c>
/// (the ONNX bytes are stored inside any zip <c>mlContext.Model.Save</c> writes) giving the network's <c>Logits</c>,
/// <see cref="SoftmaxHead"/> (ML.NET's own multiclass scorer) giving <c>Score</c> (probabilities, the class names as slot
/// names) and a key <c>PredictedLabel</c>, copied to <c>PredictedLabelKey</c>, and <c>MapKeyToValue</c> turning
/// <c>PredictedLabel</c> into the class name, a scalar string — the columns ML.NET's samples and Model Builder bind
/// (<c>string PredictedLabel</c>, <c>float[] Score</c>), with <c>MulticlassClassification.Evaluate</c> working on its
/// default column names.
/// </summary>
/// <remarks>
/// ML.NET's <c>ApplyOnnxModel</c> over a stream copies the model to a temporary file that nothing deletes, not even
/// disposing the transformer (tens of megabytes per trained model, left in the temp folder for good). So the chain is
/// built over a file this class writes and deletes (<see cref="Fit"/>, <see cref="OutputSchema"/>), and
/// <see cref="Fit"/> hands back the chain as ML.NET loads it from a zip, whose ONNX transformer deletes its copy
/// when disposed: dispose what <see cref="Fit"/> returns (or the pipeline holding it).
/// </remarks>
internal static class ClassifierTransformers
{
    /// <summary>Key-typed predicted label column, for Evaluate (with the default names).</summary>
    public const string PredictedLabelKeyColumn = "PredictedLabelKey";

    /// <summary>The output column names: probabilities, the class name, and the class as a key (<c>{predicted}Key</c>).</summary>
    public sealed record Columns(string Score = "Score", string PredictedLabel = "PredictedLabel")
    {
        /// <summary>The default names: <c>Score</c>, <c>PredictedLabel</c>, <c>PredictedLabelKey</c>.</summary>
        public static readonly Columns Default = new();

        /// <summary>The key column's name.</summary>
        public string PredictedLabelKey => PredictedLabel + "Key";
    }

    /// <summary>
    /// The fitted chain over an ONNX classifier (see <see cref="ClassifierOnnxExporter"/>) for <paramref name="input"/>'s
    /// schema; disposing it deletes the temporary copy of the model ONNX Runtime reads.
    /// </summary>
    public static TransformerChain<ITransformer> Fit(MLContext mlContext, byte[] onnx, IReadOnlyList<string> classNames, string featureColumn, IDataView input,
        Columns? columns = null)
    {
        using var file = new TemporaryOnnxFile(mlContext, onnx);
        using var zip = new MemoryStream();
        var fitted = Chain(mlContext, file.Path, classNames, featureColumn, input, columns ?? Columns.Default);
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
    /// The chain's output schema for <paramref name="input"/> (adding <c>Logits</c>, <c>Score</c>, <c>PredictedLabel</c>,
    /// <c>PredictedLabelKey</c>, and <c>Features</c> when the feature column has another name), for an estimator's
    /// <c>GetOutputSchema</c> before any network exists: the same stock estimators, with <c>LbfgsMaximumEntropy</c> (the
    /// trainer of the scorer <see cref="SoftmaxHead"/> builds) standing in for the scorer and a stand-in graph
    /// (<see cref="ClassifierOnnxExporter.ShapeProxy"/>) for the network, whose ONNX transformer is then released and its
    /// file deleted.
    /// </summary>
    public static SchemaShape OutputSchema(MLContext mlContext, string featureColumn, string labelColumn, SchemaShape input, Columns? columns = null)
    {
        columns ??= Columns.Default;
        const int features = 3;
        string[] classNames = ["class0", "class1"];
        using var file = new TemporaryOnnxFile(mlContext, ClassifierOnnxExporter.ShapeProxy(features, classNames));
        var apply = mlContext.Transforms.ApplyOnnxModel([ClassifierOnnxExporter.LogitsName], [ClassifierOnnxExporter.FeaturesName], file.Path);
        try
        {
            IEstimator<ITransformer> network = featureColumn == ClassifierOnnxExporter.FeaturesName ? apply
                : mlContext.Transforms.CopyColumns(ClassifierOnnxExporter.FeaturesName, featureColumn).Append(apply);
            IEstimator<ITransformer> scorer = network.Append(mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumn, ClassifierOnnxExporter.LogitsName));
            var renamed = columns == Columns.Default ? scorer
                : scorer.Append(mlContext.Transforms.CopyColumns(columns.Score, "Score")).Append(mlContext.Transforms.CopyColumns(columns.PredictedLabel, "PredictedLabel"))
                    .Append(mlContext.Transforms.DropColumns("Score", "PredictedLabel"));
            return renamed
                .Append(mlContext.Transforms.CopyColumns(columns.PredictedLabelKey, columns.PredictedLabel))
                .Append(mlContext.Transforms.Conversion.MapKeyToValue(columns.PredictedLabel, columns.PredictedLabelKey))
                .GetOutputSchema(input);
        }
        finally
        {
            var definition = SchemaDefinition.Create(typeof(FeatureRow));
            definition[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
            apply.Fit(mlContext.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), definition)).Dispose();   // the estimator's own transformer: closes the file
        }
    }

    private static TransformerChain<ITransformer> Chain(MLContext mlContext, string onnxPath, IReadOnlyList<string> classNames, string featureColumn,
        IDataView input, Columns columns)
    {
        var transformers = new List<ITransformer>();
        try
        {
            var data = input;
            if (featureColumn != ClassifierOnnxExporter.FeaturesName)
                data = Add(transformers, mlContext.Transforms.CopyColumns(ClassifierOnnxExporter.FeaturesName, featureColumn), data);
            data = Add(transformers, mlContext.Transforms.ApplyOnnxModel([ClassifierOnnxExporter.LogitsName], [ClassifierOnnxExporter.FeaturesName], onnxPath), data);
            var head = SoftmaxHead.Create(mlContext, classNames, data.Schema[ClassifierOnnxExporter.LogitsName], predictedLabelColumn: columns.PredictedLabel);
            transformers.Add(head);
            data = head.Transform(data);
            if (columns.Score != Columns.Default.Score)   // ML.NET's scorer always names its score column Score
            {
                data = Add(transformers, mlContext.Transforms.CopyColumns(columns.Score, Columns.Default.Score), data);
                data = Add(transformers, mlContext.Transforms.DropColumns(Columns.Default.Score), data);
            }
            data = Add(transformers, mlContext.Transforms.CopyColumns(columns.PredictedLabelKey, columns.PredictedLabel), data);
            Add(transformers, mlContext.Transforms.Conversion.MapKeyToValue(columns.PredictedLabel, columns.PredictedLabelKey), data);
            return new TransformerChain<ITransformer>(transformers.ToArray());
        }
        catch
        {
            foreach (var transformer in transformers) (transformer as IDisposable)?.Dispose();
            throw;
        }
    }

    private static IDataView Add(List<ITransformer> transformers, IEstimator<ITransformer> estimator, IDataView data)
    {
        var transformer = estimator.Fit(data);
        transformers.Add(transformer);
        return transformer.Transform(data);
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
