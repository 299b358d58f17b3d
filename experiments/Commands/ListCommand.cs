using MlNetVision.Registry;
using System.CommandLine;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Files;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Infrastructure;
using MlNetVision.Models;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>list</c>: the registered experiments and models, and the experiment files under <c>--files</c> folders.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output)
    {
        var files = new Option<string[]>("--files") { Description = "Also list the experiment files (*.json with 'extends') under these folders, with their base and overrides.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("list", "List the experiments and the registered models.") { files };
        command.SetAction(parse =>
        {
            output.WriteLine("experiments (px: the image size for image folders, --image-size to change it; CIFAR-10's binary images stay at 32 px):");
            foreach (var experiment in ExperimentCatalog.All)
                output.WriteLine($"  {experiment.Name,-36} {experiment.FolderImageSize,3} px  {experiment.Description}");
            foreach (var folder in parse.GetValue(files) ?? [])
            {
                if (!Directory.Exists(folder)) throw new MlNetVisionException($"--files {folder}: no such folder.");
                output.WriteLine();
                output.WriteLine($"experiment files under {folder} (run FILE):");
                foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var text = File.ReadAllText(path);
                    // not an experiment or sweep file: a report, or a JSON Schema
                    if (!text.Contains("\"extends\"", StringComparison.Ordinal) || text.Contains("\"https://json-schema.org/", StringComparison.Ordinal)) continue;
                    try
                    {
                        if (SweepFileReader.LooksLikeSweep(path))
                        {
                            var sweep = SweepFileReader.Read(path);
                            output.WriteLine($"  {"sweep " + sweep.Name,-36} {sweep.Tasks.Count,3} tasks (sweep plan FILE)  ({Path.GetRelativePath(folder, path)})");
                            continue;
                        }
                        var file = ExperimentFileReader.Read(path);
                        var settings = file.Settings;
                        var changes = file.Overrides.Concat(new[]
                        {
                            settings.Data is { } d ? $"data={d}" : null, settings.ImageSize is { } s ? $"imageSize={s}" : null,
                            settings.Seed is { } seed ? $"seeds={seed}..{seed + (settings.Seeds ?? 1) - 1}" : null,
                            settings.LimitTrain is { } lt ? $"limitTrain={lt}" : null, settings.LimitTest is { } le ? $"limitTest={le}" : null,
                        }.OfType<string>());
                        output.WriteLine($"  {file.Experiment.Name,-36} {settings.ImageSize ?? file.Experiment.FolderImageSize,3} px  extends {file.Extends}: {string.Join(", ", changes)}  ({Path.GetRelativePath(folder, path)})");
                    }
                    catch (MlNetVisionException e)
                    {
                        output.WriteLine($"  {Path.GetRelativePath(folder, path),-36} invalid: {e.Message}");
                    }
                }
            }
            output.WriteLine();
            output.WriteLine("models:");
            foreach (var model in ModelRegistry.All)
                output.WriteLine($"  {model.Name,-28} {model.Description}");
            return 0;
        });
        return command;
    }
}
