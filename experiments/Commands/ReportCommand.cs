using System.CommandLine;
using MlNetVision.Suite.Reporting.Html;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>report RUN_FOLDER...</c>: rebuilds each run's <c>report.html</c> from its folder's files (no model needed).</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output)
    {
        var folders = new Argument<string[]>("RUN_FOLDER")
        {
            Description = "Run folders (holding report.json), or folders to search for run folders.", Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("report", "Rebuild report.html of runs from report.json and the files beside it (predictions, gallery, augmentation preview).") { folders };
        command.SetAction(parse =>
        {
            foreach (var folder in parse.GetValue(folders)!)
                foreach (var page in RunReportFolders.Write(folder)) output.WriteLine(page);
            return 0;
        });
        return command;
    }
}
