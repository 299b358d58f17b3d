using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>Finds CIFAR-10 on disk (downloading it once when absent) and reads its splits.</summary>
public static class Cifar10Dataset
{
    /// <summary>
    /// The folder with the <c>.bin</c> files for a <c>--data</c> value, downloaded first if absent.
    /// </summary>
    /// <exception cref="DatasetUnavailableException">Absent and not downloadable; the message says where to put it.</exception>
    public static string EnsureAvailable(string? dataOption, TextWriter? log = null)
    {
        var folder = DataLocation.Cifar10Folder(dataOption);
        if (Cifar10Downloader.IsPresent(folder)) return folder;
        log ??= Console.Error;
        log.WriteLine($"CIFAR-10 not found in {folder}; downloading {Cifar10Downloader.ArchiveUri} (about 163 MB).");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        using var bar = new ConsoleProgress("download");
        var progress = new SynchronousProgress<(long Done, long? Total)>(p =>
            bar.Report(p.Done, p.Total ?? 170_052_171, $"{p.Done / 1e6:0.0} MB"));
        new Cifar10Downloader(http).EnsureAsync(folder, progress).GetAwaiter().GetResult();
        return folder;
    }

    /// <summary>Reads the training and test splits.</summary>
    public static (ImageSet Train, ImageSet Test) Load(string folder) =>
        (Cifar10Reader.ReadSplit(folder, DatasetSplit.Train), Cifar10Reader.ReadSplit(folder, DatasetSplit.Test));
}

/// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
