using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Onnx;

namespace MlNetVision.Training;

/// <summary>
/// The stock ML.NET transformers that a trained network becomes: <c>ApplyOnnxModel</c> (the ONNX bytes
/// are stored inside any zip <c>mlContext.Model.Save</c> writes) producing <c>Score</c> and
/// <c>PredictedLabel</c>, then <c>MapValueToKey</c> giving <c>PredictedLabelKey</c> with the class names as
/// key values, so <c>MulticlassClassification.Evaluate</c> works on the output.
/// </summary>
/// <remarks>
/// ML.NET 5.0.1 maps every ONNX output to a vector column (a rank-0 output crashes its ONNX transformer)
/// and has no stock vector-to-scalar transform, so <c>PredictedLabel</c> is a one-element string vector:
/// bind it as <c>string[]</c>.
/// </remarks>
public static class ClassifierTransformers
{
    /// <summary>Key-typed predicted label column, for Evaluate.</summary>
    public const string PredictedLabelKeyColumn = "PredictedLabelKey";

    /// <summary>The estimator chain over an ONNX classifier (see <see cref="ClassifierOnnxExporter"/>).</summary>
    public static IEstimator<ITransformer> Estimator(MLContext mlContext, byte[] onnx, IReadOnlyList<string> classNames, string featureColumn)
    {
        var apply = mlContext.Transforms.ApplyOnnxModel(
            [ClassifierOnnxExporter.ScoreName, ClassifierOnnxExporter.PredictedLabelName],
            [featureColumn == ClassifierOnnxExporter.FeaturesName ? featureColumn : ClassifierOnnxExporter.FeaturesName],
            new MemoryStream(onnx));
        var keys = mlContext.Transforms.Conversion.MapValueToKey(PredictedLabelKeyColumn, ClassifierOnnxExporter.PredictedLabelName,
            keyData: ClassNamesView(mlContext, classNames));
        IEstimator<ITransformer> chain = apply.Append(keys);
        if (featureColumn != ClassifierOnnxExporter.FeaturesName)
            chain = mlContext.Transforms.CopyColumns(ClassifierOnnxExporter.FeaturesName, featureColumn).Append(chain);
        return chain;
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
}
