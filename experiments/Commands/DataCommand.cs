using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetVision.Data;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>data info</c>: describes the data set <c>run</c> would read from <c>--data</c>: CIFAR-10's binary folder (where it is,
/// counts per class and split, file checksums) or an image folder (<see cref="ImageFolderReport"/>);
/// <c>data export</c> (see <see cref="DataExportCommand"/>).
/// </summary>
internal static class DataCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = CommonOptions.Data();
        var pixels = new Option<bool>("--pixels") { Description = "CIFAR-10 only: also time reading every image through the IDataView (ExtractPixels) into float pixels." };
        var testFraction = CommonOptions.TestFraction();
        var splitSeed = CommonOptions.SplitSeed();
        var info = new Command("info",
            "Describe the data set run would read: CIFAR-10's binary folder (where it is, counts per class and split, file checksums; downloaded if absent) " +
            "or an image folder (layout, counts per class and split, image sizes and formats from the headers, files that fail the header check, " +
            "ignored files, small or unevenly tested classes).")
        {
            data, pixels, testFraction, splitSeed,
        };
        info.SetAction(parse => Info(parse.GetValue(data), parse.GetValue(pixels), parse.GetValue(testFraction), parse.GetValue(splitSeed), output));
        return new Command("data", "Data set commands.") { info, DataExportCommand.Create(output, error) };
    }

    private static int Info(string? dataOption, bool readPixels, double? testFraction, int? splitSeed, TextWriter output)
    {
        if (RunDataLoader.ImageFolderRoot(dataOption) is { } root)
            return FolderInfo(root, readPixels, testFraction, splitSeed, output);
        if (testFraction is not null || splitSeed is not null) throw new MlNetVisionException(RunDataLoader.SplitOptionsNeedAFlatFolder);
        var clock = Stopwatch.StartNew();
        var folder = Cifar10Dataset.EnsureAvailable(dataOption);
        output.WriteLine($"CIFAR-10 (binary version) in {folder}");
        var (train, test) = Cifar10Dataset.Load(folder);
        output.WriteLine();
        output.WriteLine($"{"class",-12} {"train",7} {"test",7}");
        var trainCounts = train.CountsPerClass();
        var testCounts = test.CountsPerClass();
        for (int c = 0; c < train.ClassNames.Count; c++)
            output.WriteLine($"{train.ClassNames[c],-12} {trainCounts[c],7} {testCounts[c],7}");
        output.WriteLine($"{"total",-12} {train.Count,7} {test.Count,7}");
        output.WriteLine();
        output.WriteLine("SHA-256");
        foreach (var file in Cifar10Format.AllDataFiles)
        {
            using var stream = File.OpenRead(Path.Combine(folder, file));
            output.WriteLine($"{Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant()}  {file}");
        }
        output.WriteLine();
        output.WriteLine($"read and checked in {clock.Elapsed.TotalSeconds:0.00} s");
        if (readPixels) TimePixels([train, test], output);
        return ExitCodes.Success;
    }

    private static int FolderInfo(string root, bool readPixels, double? testFraction, int? splitSeed, TextWriter output)
    {
        if (readPixels)
            throw new MlNetVisionException("--pixels times CIFAR-10's binary reader; an image folder's pixels are decoded when run caches them.");
        var report = ImageFolderReport.Build(root, testFraction ?? ImageFolderDataset.DefaultTestFraction, splitSeed ?? 0);
        if (report.Dataset.Layout == ImageFolderLayout.Split && (testFraction is not null || splitSeed is not null))
            output.WriteLine("note: --test-fraction and --split-seed are ignored: this folder has its own test/ split.");
        report.Write(output);
        return ExitCodes.Success;
    }

    private static void TimePixels(IEnumerable<ImageSet> sets, TextWriter output)
    {
        var ml = new MLContext();
        var clock = Stopwatch.StartNew();
        long images = 0;
        double sum = 0;
        foreach (var set in sets)
        {
            var view = ImageSetDataView.Create(ml, set);
            var features = ml.Transforms.ExtractPixels("Features", ImageSetDataView.ImageColumn, scaleImage: 1f / 255).Fit(view).Transform(view);
            using var cursor = features.GetRowCursor(features.Schema.Where(c => c.Name == "Features"));
            var getter = cursor.GetGetter<VBuffer<float>>(features.Schema["Features"]);
            var buffer = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                sum += buffer.GetValues()[0];
                images++;
            }
        }
        output.WriteLine($"{images:N0} images through IDataView -> ExtractPixels -> float[] in {clock.Elapsed.TotalSeconds:0.00} s (checksum {sum:0.0})");
    }
}
