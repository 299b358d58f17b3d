namespace MlNetVision.Evaluation;

/// <summary>
/// What ML.NET's multiclass metrics lack, computed from a confusion matrix <c>[true][predicted]</c> exactly
/// as scikit-learn defines them (<c>zero_division=0</c>): per-class precision, recall, F1 and support, macro
/// F1 (unweighted mean over classes) and weighted F1 (weighted by support).
/// </summary>
public sealed class ConfusionMetrics
{
    /// <summary>Computes the metrics.</summary>
    public ConfusionMetrics(IReadOnlyList<IReadOnlyList<long>> confusion, IReadOnlyList<string> classNames)
    {
        int k = classNames.Count;
        if (confusion.Count != k || confusion.Any(r => r.Count != k))
            throw new ArgumentException($"The confusion matrix must be {k}x{k}.");
        var perClass = new List<ClassMetrics>(k);
        for (int c = 0; c < k; c++)
        {
            long tp = confusion[c][c];
            long support = confusion[c].Sum();
            long predicted = Enumerable.Range(0, k).Sum(t => confusion[t][c]);
            double precision = predicted == 0 ? 0 : (double)tp / predicted;
            double recall = support == 0 ? 0 : (double)tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(classNames[c], precision, recall, f1, support));
        }
        PerClass = perClass;
        Total = perClass.Sum(m => m.Support);
        Accuracy = Total == 0 ? 0 : (double)Enumerable.Range(0, k).Sum(c => confusion[c][c]) / Total;
        MacroF1 = perClass.Average(m => m.F1);
        WeightedF1 = Total == 0 ? 0 : perClass.Sum(m => m.F1 * m.Support) / Total;
        MacroRecall = perClass.Average(m => m.Recall);
    }

    /// <summary>Per-class metrics in class order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; }

    /// <summary>Rows counted.</summary>
    public long Total { get; }

    /// <summary>Fraction of rows on the diagonal.</summary>
    public double Accuracy { get; }

    /// <summary>Unweighted mean of per-class F1.</summary>
    public double MacroF1 { get; }

    /// <summary>Support-weighted mean of per-class F1.</summary>
    public double WeightedF1 { get; }

    /// <summary>Unweighted mean of per-class recall (ML.NET's macro accuracy).</summary>
    public double MacroRecall { get; }
}
