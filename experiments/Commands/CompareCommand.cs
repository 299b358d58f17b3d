using System.CommandLine;
using MlNetVision.Suite.Reporting;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>compare</c>: comparison.md and plots from run reports.</summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output)
    {
        var runs = new Option<string[]>("--runs") { Description = "Run folders or report.json files (folders are searched recursively). Default: artifacts/.", AllowMultipleArgumentsPerToken = true };
        var outputDir = new Option<string?>("--output") { Description = "Where comparison.md and the PNGs go. Default: artifacts/comparison/." };
        var command = new Command("compare", "Compare runs: writes comparison.md (accuracy, macro/weighted F1, time, seed numbers) and PNG plots.") { runs, outputDir };
        command.SetAction(parse =>
        {
            var root = Running.RunFolder.ArtifactsRoot();
            var locations = parse.GetValue(runs) is { Length: > 0 } given ? given : [root];
            var reports = Comparison.Load(locations);
            var folder = parse.GetValue(outputDir) ?? Path.Combine(root, "comparison");
            foreach (var file in Comparison.Write(reports, folder)) output.WriteLine(file);
            output.WriteLine();
            output.Write(ComparisonTable.Render(reports));
            return 0;
        });
        return command;
    }
}
