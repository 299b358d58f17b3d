using System.Globalization;

namespace MlNetVision.Suite.Reporting;

/// <summary>
/// Whether a run used its reference's recipe in full: the same epochs and input size, all the training data (no
/// <c>--limit-train</c>, nothing held out for validation), the whole test set, completed. Tables show the seed study's
/// number beside a run only then, and otherwise say what differs.
/// </summary>
public static class RecipeMatch
{
    /// <summary>What differs from the run's reference recipe, one short phrase each; empty when the run used it in full.</summary>
    public static IReadOnlyList<string> Differences(RunReport report) => Differences(report, report.Reference?.Recipe);

    /// <summary>What differs from <paramref name="recipe"/> (null: only the data and the status are checked), one short
    /// phrase each; empty when the run used it in full.</summary>
    public static IReadOnlyList<string> Differences(RunReport report, ReferenceRecipe? recipe)
    {
        var c = CultureInfo.InvariantCulture;
        var differences = new List<string>();
        if (recipe?.Classes is { } classes && !classes.SequenceEqual(report.Metrics.Classes, StringComparer.OrdinalIgnoreCase))
            differences.Add(string.Create(c, $"another data set ({report.Dataset.Name}, {report.Metrics.Classes.Count} classes: {string.Join(", ", report.Metrics.Classes.Take(3))}…)"));
        double epochs = report.Config.Trainer.EpochCount();
        if (recipe is not null && Math.Abs(epochs - recipe.Epochs) > 1e-9)
            differences.Add(string.Create(c, $"{epochs:0.##} epoch{(epochs == 1 ? "" : "s")}, not {recipe.Epochs:0.##}"));
        int input = InputSize(report);
        if (recipe is not null && input != recipe.InputSize)
            differences.Add(string.Create(c, $"{input} px input, not {recipe.InputSize}"));
        if (report.Config.LimitTrain is not null)
            differences.Add(string.Create(c, $"{report.Dataset.TrainCount:N0} training images, not all"));
        else if (report.Dataset.ValidationCount > 0)
            differences.Add(string.Create(c, $"{report.Dataset.ValidationCount:N0} training images held out for validation"));
        if (report.Config.LimitTest is not null)
            differences.Add(string.Create(c, $"tested on {report.Dataset.TestCount:N0} images, not all"));
        if (report.Status != "completed") differences.Add(report.Status);
        return differences;
    }

    /// <summary>The side of the images the model saw: the trainer's input size, else the pipeline's.</summary>
    public static int InputSize(RunReport report) =>
        report.Config.Trainer.ImageSize > 0 ? report.Config.Trainer.ImageSize : report.Config.PipelineImageSize;

    /// <summary>
    /// The reference accuracy as a table shows it: the number when the run used the recipe in full, "–" without a
    /// reference, else what differs (e.g. <c>not comparable: 1 epoch, not 10; 3,000 training images, not all</c>).
    /// </summary>
    public static string AccuracyCell(RunReport report)
    {
        if (report.Reference is not { } reference) return "–";
        var differences = Differences(report);
        return differences.Count == 0
            ? reference.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture)
            : $"not comparable: {string.Join("; ", differences)}";
    }

    /// <summary>The reference macro F1 when the run used the recipe in full, else "–".</summary>
    public static string MacroF1Cell(RunReport report) =>
        report.Reference?.MacroF1 is { } f1 && Differences(report).Count == 0 ? f1.ToString("0.0000", CultureInfo.InvariantCulture) : "–";
}
