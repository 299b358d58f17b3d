namespace MlNetVision.Evaluation;

/// <summary>Precision, recall, F1 and support of one class.</summary>
/// <param name="Class">Class name.</param>
/// <param name="Precision">TP / (TP + FP); 0 when the class is never predicted (sklearn's zero_division=0).</param>
/// <param name="Recall">TP / (TP + FN); 0 when the class has no true rows.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">Rows whose true class this is.</param>
public sealed record ClassMetrics(string Class, double Precision, double Recall, double F1, long Support);
