namespace MlNetVision.Suite.Reporting.SeedStudy;

/// <summary>
/// One row of the seed study's results table and the experiments that answer it here: the one that runs the seed's own
/// settings and the best recipe this project has for the same kind of model on 2 CPU cores.
/// </summary>
/// <param name="Row">The seed study's row, as it names it (model, input size, augmentation).</param>
/// <param name="PublishedAccuracy">The seed study's test accuracy, or null for a row of ours that it does not have.</param>
/// <param name="PublishedMacroF1">The seed study's macro F1, or null where it gave none.</param>
/// <param name="SeedSettings">The experiment that runs the seed's settings, or null when none can run here.</param>
/// <param name="Recipe">The seed's settings a run must match to stand beside the seed's figure (epochs, input size, classes).</param>
/// <param name="BestCpu">The experiment with this project's best CPU recipe for the same kind of model, or null.</param>
/// <param name="Note">What differs from the seed or what the row needs (e.g. a checkpoint file), or empty.</param>
/// <param name="Command">How to run the seed's settings, when it is more than <c>run &lt;experiment&gt; --data D</c>, or null.</param>
public sealed record SeedStudyRow(string Row, double? PublishedAccuracy, double? PublishedMacroF1, string? SeedSettings,
    ReferenceRecipe Recipe, string? BestCpu, string Note = "", string? Command = null);
