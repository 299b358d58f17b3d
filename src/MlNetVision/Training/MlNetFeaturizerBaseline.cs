using Microsoft.ML;
using MlNetVision.Onnx;

namespace MlNetVision.Training;

/// <summary>
/// ML.NET's own transfer learning, as a peer of the TorchSharp fine-tunes: <c>DnnFeaturizeImage</c> with the
/// ImageNet ResNet-18 of <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> (512 pooled features per image, the
/// network frozen) followed by <c>LbfgsMaximumEntropy</c> (multinomial logistic regression, ML.NET defaults).
/// Its input is a <c>Features</c> column of 224×224 planar RGB pixels on the 0–255 scale (ExtractPixels without
/// scaling); it outputs <c>Score</c>, <c>PredictedLabelKey</c> (key) and <c>PredictedLabel</c> (class name).
/// </summary>
internal static class MlNetFeaturizerBaseline
{
    /// <summary>The only input size the ResNet-18 ONNX model accepts.</summary>
    public const int ImageSize = 224;

    /// <summary>ExtractPixels' scale for this pipeline: none (0–255), as the package's preprocessing expects.</summary>
    public const float PixelScale = 1f;

    /// <summary>Name of the model in reports.</summary>
    public const string ModelName = "dnn_featurizer_resnet18+lbfgs_maxent";

    /// <summary>The intermediate column of 512 ResNet-18 features.</summary>
    public const string FeaturizedColumn = "ResNet18Features";

    /// <summary>The estimator chain after ExtractPixels.</summary>
    public static IEstimator<ITransformer> Estimator(MLContext ml, string featureColumn = "Features", string labelColumn = "Label")
    {
        var modelsFolder = MlNetResNet18Package.ModelsFolder();
        return ml.Transforms.DnnFeaturizeImage(FeaturizedColumn, m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn, modelsFolder), featureColumn)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumn, FeaturizedColumn))
            .Append(ml.Transforms.CopyColumns(ClassifierTransformers.PredictedLabelKeyColumn, "PredictedLabel"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel", ClassifierTransformers.PredictedLabelKeyColumn));
    }
}
