using System.Globalization;

namespace MlNetVision.Suite.Reporting.Html;

/// <summary>The top of a run's page: experiment, model, status, data set, recipe, environment and seeds.</summary>
public static class RunHeaderSection
{
    /// <summary>Appends the section.</summary>
    public static void Append(HtmlBuilder h, RunPageInput input)
    {
        var r = input.Report;
        var t = r.Config.Trainer;
        var c = CultureInfo.InvariantCulture;
        h.Element("h1", $"{r.Experiment} ({r.Model})");
        h.Element("p", $"Status: {r.Status}. Started {r.StartedAt.ToString("yyyy-MM-dd HH:mm", c)} UTC. {r.Parameters.ToString("N0", c)} trainable parameters.", ("class", "muted"));
        h.Open("section", ("id", "header"));
        h.Element("h2", "Data set");
        var d = r.Dataset;
        Facts(h,
            ("name", $"{d.Name} ({d.Source ?? "source not recorded"}{(d.Layout is null ? "" : $", {d.Layout} layout")})"),
            ("folder", d.Folder),
            ("classes", $"{r.Metrics.Classes.Count}: {string.Join(", ", r.Metrics.Classes)}"),
            ("images", string.Create(c, $"{d.TrainCount:N0} training, {d.ValidationCount:N0} validation, {d.TestCount:N0} test")),
            ("limits", Limits(r)),
            ("image size", string.Create(c, $"{r.Config.PipelineImageSize} px in the pipeline, {RecipeMatch.InputSize(r)} px into the model")),
            ("skipped", d.SkippedImages is > 0 ? string.Create(c, $"{d.SkippedImages:N0} unreadable images") : null));
        h.Element("h2", "Recipe");
        Facts(h,
            ("epochs", string.Create(c, $"{t.EpochCount():0.##}, batch {t.BatchSize}")),
            ("optimizer", string.Create(c, $"{t.Optimizer}, learning rate {t.LearningRate:G4}, weight decay {t.WeightDecay:G4}, momentum {t.Momentum:G4}")),
            ("schedule", string.Create(c, $"{t.Schedule}, warm-up {t.WarmupFraction:0.###}, label smoothing {t.LabelSmoothing:0.###}")),
            ("augmentation", string.IsNullOrEmpty(t.Augmentation) ? "none" : t.Augmentation),
            ("starting weights", string.IsNullOrEmpty(t.Pretrained) ? "the model's default" : t.Pretrained),
            ("validation", t.ValidationFraction > 0 ? string.Create(c, $"{t.ValidationFraction:0.###} held out") : "none"),
            ("seed study", r.Reference is { } reference ? Reference(r, reference) : null));
        h.Element("h2", "Environment and seeds");
        var e = r.Environment;
        Facts(h,
            ("CPU", string.Create(c, $"{e.Cpu} ({e.LogicalCores} logical cores, {e.Threads} threads used)")),
            ("system", $"{e.Os}, {e.Dotnet}"),
            ("packages", $"TorchSharp {e.TorchSharp}, ML.NET {e.MlNet}"),
            ("device", e.Device),
            ("commit", e.GitCommit ?? "not recorded"),
            ("seed", input.Seeds is { } seeds
                ? string.Create(c, $"{t.Seed} (one of {seeds.Seeds.Count} seeds: {string.Join(", ", seeds.Seeds)})")
                : t.Seed.ToString(c)));
        if (r.Notes.Count > 0)
        {
            h.Element("h3", "Notes").Open("ul");
            foreach (var note in r.Notes) h.Element("li", note);
            h.Close("ul");
        }
        foreach (var problem in input.Artifacts.Problems) h.Element("p", problem, ("class", "differs"));
        h.Close("section");
    }

    /// <summary>A definition list of the facts that have a value.</summary>
    public static void Facts(HtmlBuilder h, params (string Term, string? Value)[] facts)
    {
        h.Open("dl", ("class", "facts"));
        foreach (var (term, value) in facts)
            if (value is not null) h.Element("dt", term).Element("dd", value);
        h.Close("dl");
    }

    private static string Limits(RunReport r)
    {
        if (r.Config.LimitTrain is null && r.Config.LimitTest is null) return "none: all images";
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"training {r.Config.LimitTrain?.ToString("N0", c) ?? "all"}, test {r.Config.LimitTest?.ToString("N0", c) ?? "all"}") +
               (r.Config.Stratified ? " (seeded stratified sample)" : " (first N)");
    }

    private static string Reference(RunReport r, ReferenceInfo reference)
    {
        var differences = RecipeMatch.Differences(r);
        var figure = HtmlText.Number(reference.Accuracy) + (reference.MacroF1 is { } f1 ? $" accuracy, {HtmlText.Number(f1)} macro F1" : " accuracy");
        return differences.Count == 0
            ? $"{reference.Source}: {figure} for this recipe"
            : $"{reference.Source} published {figure} for the full recipe; this run is not comparable: {string.Join("; ", differences)}";
    }
}
