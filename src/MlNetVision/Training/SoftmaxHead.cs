using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetVision.Infrastructure;

namespace MlNetVision.Training;

/// <summary>
/// The stock ML.NET multiclass scorer that turns the network's logits into the columns every ML.NET app binds: a
/// <c>MulticlassPredictionTransformer&lt;MaximumEntropyModelParameters&gt;</c> (what <c>LbfgsMaximumEntropy</c> trains)
/// whose weights are the identity and biases zero, so its <c>Score</c> is softmax(logits) — the network's class
/// probabilities — with the class names as slot names, and its <c>PredictedLabel</c> a scalar key whose values are the
/// class names (the arg-max of <c>Score</c>, the first on a tie, as the network's own arg-max).
/// </summary>
/// <remarks>
/// ML.NET keeps both constructors internal (a trainer normally makes them), and it has no other stock transformer that
/// turns the ONNX transformer's vector outputs into a scalar (a rank-0 ONNX output crashes its getter in 6.0.0). So the
/// two constructors are called by reflection here, at training time only: the zip holds the stock types, and any ML.NET
/// app loads it without MlNetVision. <see cref="Create"/> fails with one clear message, naming the constructor, if an
/// ML.NET version changes them; a test pins both.
/// </remarks>
internal static class SoftmaxHead
{
    /// <summary>The training-schema column the scorer reads the label's key values (the class names) from.</summary>
    private const string LabelColumn = "Label";

    /// <summary>
    /// The scorer over <paramref name="logits"/> (a float vector of one value per class, of any dimensions: the ONNX
    /// transformer's is <c>Vector&lt;Single, 1, K&gt;</c>), adding <c>Score</c> (ML.NET's scorer allows no other name) and a
    /// key-typed <paramref name="predictedLabelColumn"/>.
    /// </summary>
    /// <exception cref="MlNetVisionException">This ML.NET version lacks the constructors used.</exception>
    /// <exception cref="ArgumentException">The logits column is not a float vector of one value per class.</exception>
    public static ITransformer Create(MLContext mlContext, IReadOnlyList<string> classNames, DataViewSchema.Column logits,
        string predictedLabelColumn = "PredictedLabel")
    {
        int classes = classNames.Count;
        if (logits.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: var size } vector || vector.ItemType != NumberDataViewType.Single || size != classes)
            throw new ArgumentException($"Column '{logits.Name}' must be a vector of {classes} floats (one per class), not {logits.Type}.", nameof(logits));
        string logitsColumn = logits.Name;
        var weights = new VBuffer<float>[classes];
        for (int c = 0; c < classes; c++) weights[c] = new VBuffer<float>(classes, 1, [1f], [c]);
        var parameters = (MaximumEntropyModelParameters)Construct(typeof(MaximumEntropyModelParameters),
            [typeof(IHostEnvironment), typeof(VBuffer<float>[]), typeof(float[]), typeof(int), typeof(int), typeof(string[]), null],
            [mlContext, weights, new float[classes], classes, classes, classNames.ToArray(), null]);
        var transformerType = typeof(MulticlassPredictionTransformer<MaximumEntropyModelParameters>);
        return (ITransformer)Construct(transformerType,
            [typeof(IHostEnvironment), typeof(MaximumEntropyModelParameters), typeof(DataViewSchema), typeof(string), typeof(string), typeof(string), typeof(string)],
            [mlContext, parameters, TrainingSchema(classNames, logitsColumn, vector), logitsColumn, LabelColumn, "Score", predictedLabelColumn]);
    }

    /// <summary>What the scorer was "trained" on: the logits vector and a key label whose values are the class names.</summary>
    private static DataViewSchema TrainingSchema(IReadOnlyList<string> classNames, string logitsColumn, VectorDataViewType logitsType)
    {
        var names = classNames.Select(n => n.AsMemory()).ToArray();
        var keyValues = new DataViewSchema.Annotations.Builder();
        keyValues.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, names.Length),
            (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, names));
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(logitsColumn, logitsType);
        schema.AddColumn(LabelColumn, new KeyDataViewType(typeof(uint), names.Length), keyValues.ToAnnotations());
        return schema.ToSchema();
    }

    /// <summary>Calls the non-public constructor of <paramref name="type"/> whose parameters are <paramref name="parameters"/>
    /// (null: any type), with <paramref name="arguments"/>.</summary>
    private static object Construct(Type type, Type?[] parameters, object?[] arguments)
    {
        var constructor = type.GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .SingleOrDefault(c => Matches(c.GetParameters(), parameters));
        if (constructor is null)
            throw new MlNetVisionException($"This ML.NET ({typeof(MLContext).Assembly.GetName().Version}) has no constructor " +
                $"{type.Name}({string.Join(", ", parameters.Select(p => p?.Name ?? "…"))}), which MlNetVision uses to write the " +
                "model zip's Score and PredictedLabel columns; MlNetVision is built for ML.NET 6.0.");
        return constructor.Invoke(arguments);
    }

    private static bool Matches(ParameterInfo[] actual, Type?[] expected) =>
        actual.Length == expected.Length && actual.Zip(expected).All(p => p.Second is null || p.First.ParameterType == p.Second);
}
