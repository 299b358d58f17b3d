namespace MlNetVision.Suite.Reporting.Html;

/// <summary>
/// The headline metrics as cards: accuracy, macro accuracy, macro and weighted F1, log-loss, top-k, each with the
/// one-view figure when the model uses test-time augmentation and the mean ± std when the run is one of several seeds;
/// then the times and speeds.
/// </summary>
public static class HeadlineSection
{
    /// <summary>Appends the section.</summary>
    public static void Append(HtmlBuilder h, RunPageInput input)
    {
        var r = input.Report;
        var m = r.Metrics;
        var one = r.MetricsWithoutTestTimeAugmentation;
        h.Open("section", ("id", "headline")).Element("h2", "Test metrics");
        if (one is not null) h.Element("p", "The model averages test-time augmented views; \"one view\" is the network on each image alone.", ("class", "note"));
        h.Open("div", ("class", "cards"));
        Card(h, input, "accuracy", "accuracy", m.Accuracy, one?.Accuracy);
        Card(h, input, "macro accuracy", "macroAccuracy", m.MacroAccuracy, one?.MacroAccuracy);
        Card(h, input, "macro F1", "macroF1", m.MacroF1, one?.MacroF1);
        Card(h, input, "weighted F1", "weightedF1", m.WeightedF1, one?.WeightedF1);
        Card(h, input, "log-loss", "logLoss", m.LogLoss, one?.LogLoss);
        Card(h, input, $"top-{m.TopK} accuracy", "topKAccuracy", m.TopKAccuracy, one?.TopKAccuracy);
        h.Close("div");
        h.Open("div", ("class", "cards"));
        Card(h, input, "training time", "trainSeconds", r.Timing.TrainSeconds, null, Durations.Format);
        Card(h, input, "training images/s", "trainImagesPerSecond", r.Timing.TrainImagesPerSecond, null, v => HtmlText.Number(v, "0"));
        Card(h, input, "evaluation images/s", "evalImagesPerSecond", r.Timing.EvalImagesPerSecond, null, v => HtmlText.Number(v, "0"));
        Card(h, input, "whole run", SeedSummary.RunSecondsWithoutMonitor, RunTimes.WithoutMonitor(r), null, Durations.Format);
        h.Close("div").Close("section");
    }

    private static void Card(HtmlBuilder h, RunPageInput input, string label, string key, double value, double? singleView, Func<double, string>? format = null)
    {
        format ??= v => HtmlText.Number(v);
        h.Open("div", ("class", "card"), ("data-metric", key)).Element("div", label, ("class", "label")).Element("div", format(value), ("class", "value"));
        if (singleView is { } one) h.Element("div", $"one view: {format(one)}", ("class", "sub"));
        if (input.Seeds?.Metrics.GetValueOrDefault(key) is { Count: > 1 } spread)
            h.Element("div", $"{spread.Count} seeds: {format(spread.Mean)} ± {format(spread.Std)}", ("class", "sub"));
        h.Close("div");
    }
}
