using System.CommandLine;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>compare</c>: comparison.md and plots from run reports.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Option<string[]>("--runs") { Description = "Run folders or report.json files (folders are searched recursively). Default: artifacts/.", AllowMultipleArgumentsPerToken = true };
        var outputDir = new Option<string?>("--output") { Description = "Where comparison.md, comparison.html and the PNGs go. Default: artifacts/comparison/." };
        var command = new Command("compare", "Compare runs: writes comparison.md and comparison.html (accuracy, macro/weighted F1, time, seed numbers, the seed study's table when its experiments are among the runs) and PNG plots.") { runs, outputDir };
        command.SetAction(parse =>
        {
            var root = Running.RunFolder.ArtifactsRoot();
            var locations = parse.GetValue(runs) is { Length: > 0 } given ? given : [root];
            Compare(locations, parse.GetValue(outputDir) ?? Path.Combine(root, "comparison"), output);
            return 0;
        });
        return command;
    }

    /// <summary>Compares the runs under <paramref name="locations"/> into <paramref name="folder"/>; prints the files and the table.</summary>
    public static void Compare(IReadOnlyList<string> locations, string folder, TextWriter output)
    {
        var compared = Comparison.LoadRuns(locations).Select(WithRecipe).ToList();
        foreach (var file in Comparison.Write(compared, folder, Definitions.SeedStudyRows.All)) output.WriteLine(file);
        output.WriteLine();
        output.Write(ComparisonTable.Render(compared.Select(r => (r.Label, r.Report)).ToList(), Definitions.SeedStudyRows.All));
    }

    /// <summary>
    /// A report written before the reference's recipe was recorded gets it from the catalog (when the experiment still
    /// exists), so the seed study's figure is shown only beside runs that used the recipe in full.
    /// </summary>
    public static ComparedRun WithRecipe(ComparedRun run)
    {
        if (run.Report.Reference is not { Recipe: null } reference) return run;
        var experiment = Definitions.ExperimentCatalog.All.FirstOrDefault(e => e.Name == run.Report.Experiment);
        if (experiment is null || Running.RunReportBuilder.ReferenceOf(experiment)?.Recipe is not { } recipe) return run;
        return run with { Report = run.Report with { Reference = reference with { Recipe = recipe } } };
    }
}
