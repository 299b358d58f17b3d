using System.CommandLine;
using MlNetVision.Data;
using MlNetVision.Experiments.Export;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>data export</c>: writes CIFAR-10 as an image-folder dataset (PNG or JPEG, optionally resized and repeated).</summary>
internal static class DataExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var to = new Option<string>("--to") { Description = "Folder to write train/<class>/<index>.<ext> and test/<class>/<index>.<ext> into (must be empty unless --force).", Required = true };
        var format = new Option<string>("--format") { Description = "png (lossless, default) or jpg.", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "jpg");
        var quality = new Option<int>("--quality") { Description = "JPEG quality, 1 to 100 (default 90).", DefaultValueFactory = _ => 90 };
        var minSize = new Option<int>("--min-size") { Description = "Smallest side in pixels (default 32); each side is drawn uniformly from [min, max] per image.", DefaultValueFactory = _ => 32 };
        var maxSize = new Option<int?>("--max-size") { Description = "Largest side in pixels (default: --min-size). 32 and 32 write the images unresized." };
        var repeat = new Option<int>("--repeat") { Description = "Write each training image N times as <index>-<copy> (default 1); test images once.", DefaultValueFactory = _ => 1 };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Export the first N training images only." };
        var limitTest = new Option<int?>("--limit-test") { Description = "Export the first N test images only." };
        var seed = new Option<int>("--seed") { Description = "Seed of the per-image size draws (default 0).", DefaultValueFactory = _ => 0 };
        var square = new Option<bool>("--square") { Description = "Keep the images square: draw one side from [--min-size, --max-size] (default: width and height drawn apart)." };
        var force = new Option<bool>("--force") { Description = "Write into a non-empty folder, replacing its train/ and test/ folders." };
        foreach (var option in new Option[] { limitTrain, limitTest })
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int?>() is < 1) result.AddError($"{result.Option.Name} must be at least 1.");
            });
        var command = new Command("export", "Write CIFAR-10 as an image folder (train/<class>/<index>.png, test/<class>/<index>.png), to compare the folder route with the binary one.")
        {
            data, to, format, quality, minSize, maxSize, square, repeat, limitTrain, limitTest, seed, force,
        };
        command.SetAction(parse =>
        {
            var options = new FolderExportOptions
            {
                Format = parse.GetValue(format) == "jpg" ? ExportImageFormat.Jpeg : ExportImageFormat.Png,
                Quality = parse.GetValue(quality),
                MinSize = parse.GetValue(minSize),
                MaxSize = parse.GetValue(maxSize) ?? parse.GetValue(minSize),
                Repeat = parse.GetValue(repeat),
                Seed = parse.GetValue(seed),
                Force = parse.GetValue(force),
                Square = parse.GetValue(square),
            };
            options.Validate();
            return Export(parse.GetValue(data), parse.GetValue(to)!, options, parse.GetValue(limitTrain), parse.GetValue(limitTest), output, error);
        });
        return command;
    }

    private static int Export(string? dataOption, string outDir, FolderExportOptions options, int? limitTrain, int? limitTest, TextWriter output, TextWriter error)
    {
        FolderExport.CheckTarget(outDir, options.Force);
        var folder = Cifar10Dataset.EnsureAvailable(dataOption, error);
        var (train, test) = Cifar10Dataset.Load(folder);
        if (limitTrain is { } nTrain) train = train.Take(nTrain);
        if (limitTest is { } nTest) test = test.Take(nTest);
        var size = options.MinSize == options.MaxSize ? $"{options.MinSize}x{options.MinSize}" : $"{options.MinSize} to {options.MaxSize} px per side (seed {options.Seed})";
        var repeated = options.Repeat > 1 ? $" x {options.Repeat} copies" : "";
        output.WriteLine($"exporting {train.Count:N0} training images{repeated} and {test.Count:N0} test images from {folder}");
        output.WriteLine($"to {Path.GetFullPath(outDir)} as {options.Format.ToString().ToUpperInvariant()}{(options.Format == ExportImageFormat.Jpeg ? $" (quality {options.Quality})" : "")}, {size}, on {Environment.ProcessorCount} threads");
        using var interrupt = new InterruptHandler(error, "stopping once the images being written are whole");
        FolderExportSummary summary;
        using (var bar = new ConsoleProgress("export", error == Console.Error ? null : error))
            summary = new FolderExport(options).Run(train, test, outDir, interrupt.Token, bar);
        output.WriteLine($"{summary.Files:N0} files, {summary.Bytes:N0} bytes ({summary.Bytes / 1e6:0.0} MB) in {summary.Elapsed.TotalSeconds:0.00} s: {summary.ImagesPerSecond:N0} images/s");
        if (!summary.Interrupted) return ExitCodes.Success;
        error.WriteLine($"interrupted: {summary.Files:N0} of {summary.Planned:N0} files written, each one whole; run again with --force to start over.");
        return ExitCodes.Interrupted;
    }
}
