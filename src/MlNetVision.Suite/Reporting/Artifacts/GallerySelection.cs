namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// Which test images <c>gallery.json</c> shows: the most confident mistakes (highest predicted probability among wrong
/// predictions, most confident first) and, per class, the most confident correct images. Ties go to the lower test index.
/// </summary>
/// <param name="Mistakes">Test indices of the mistakes shown, most confident first.</param>
/// <param name="Correct">Test indices of the correct images shown, by class, most confident first within a class.</param>
public sealed record GallerySelection(IReadOnlyList<int> Mistakes, IReadOnlyList<int> Correct)
{
    /// <summary>Mistakes shown at most.</summary>
    public const int MistakeCount = 48;

    /// <summary>Correct images shown per class at most.</summary>
    public const int CorrectPerClass = 3;

    /// <summary>Every index shown: <see cref="Mistakes"/>, then <see cref="Correct"/>.</summary>
    public IReadOnlyList<int> All => [.. Mistakes, .. Correct];

    /// <summary>The selection for <paramref name="predictions"/>.</summary>
    public static GallerySelection From(PredictionsFile predictions, int mistakes = MistakeCount, int correctPerClass = CorrectPerClass)
    {
        var byConfidence = predictions.Items.OrderByDescending(p => p.Confidence).ThenBy(p => p.I).ToList();
        var wrong = byConfidence.Where(p => !p.Correct).Take(mistakes).Select(p => p.I).ToList();
        var right = byConfidence.Where(p => p.Correct).GroupBy(p => p.Label).OrderBy(g => g.Key)
            .SelectMany(g => g.Take(correctPerClass)).Select(p => p.I).ToList();
        return new GallerySelection(wrong, right);
    }
}
