using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetVision.Suite.Reporting.Artifacts;

/// <summary>
/// Reads a scored test set (a key-typed <c>Label</c> and the <c>Score</c> probabilities, in class order) into a
/// <see cref="PredictionsFile"/>. It reads the scores the evaluation computed: give it the same (cached) scored view that
/// <c>MulticlassClassification.Evaluate</c> read, and no image goes through the model twice.
/// </summary>
public static class TestPredictions
{
    /// <summary>The predictions of every row of <paramref name="scored"/>.</summary>
    /// <param name="scored">The scored test set, one row per test image, in test order.</param>
    /// <param name="classes">Class names by index (the order of <c>Score</c>).</param>
    /// <param name="sources">Where each test image came from, by test index.</param>
    /// <param name="labelColumn">The key-typed label column.</param>
    /// <param name="scoreColumn">The probabilities column.</param>
    /// <exception cref="InvalidOperationException">The view's rows or score length do not match the classes or the sources.</exception>
    public static PredictionsFile Read(IDataView scored, IReadOnlyList<string> classes, IReadOnlyList<string> sources,
        string labelColumn = "Label", string scoreColumn = "Score")
    {
        var label = scored.Schema[labelColumn];
        var score = scored.Schema[scoreColumn];
        var items = new List<PredictionItem>(sources.Count);
        int top = Math.Min(PredictionsFile.TopCount, classes.Count);
        using var cursor = scored.GetRowCursor([label, score]);
        var labelGetter = cursor.GetGetter<uint>(label);
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        uint key = 0;
        VBuffer<float> scores = default;
        var dense = new float[classes.Count];
        var order = new int[classes.Count];
        while (cursor.MoveNext())
        {
            int i = items.Count;
            if (i >= sources.Count) throw new InvalidOperationException($"The scored test set has more rows than the {sources.Count} test images.");
            labelGetter(ref key);
            scoreGetter(ref scores);
            if (scores.Length != classes.Count)
                throw new InvalidOperationException($"Row {i}: {scores.Length} scores for {classes.Count} classes.");
            scores.CopyTo(dense);
            for (int c = 0; c < order.Length; c++) order[c] = c;
            Array.Sort(order, (a, b) => dense[b] != dense[a] ? dense[b].CompareTo(dense[a]) : a.CompareTo(b));
            var best = new double[top][];
            for (int k = 0; k < top; k++) best[k] = [order[k], Math.Round((double)dense[order[k]], PredictionsFile.Decimals)];
            // key values are 1-based (0 is the missing key)
            items.Add(new PredictionItem(i, sources[i], (int)key - 1, best));
        }
        if (items.Count != sources.Count)
            throw new InvalidOperationException($"The scored test set has {items.Count} rows for {sources.Count} test images.");
        return new PredictionsFile(PredictionsFile.CurrentSchemaVersion, classes, items);
    }
}
