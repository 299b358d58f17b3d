using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using MlNetVision.Infrastructure;

namespace MlNetVision.Data;

/// <summary>
/// Downloads the official CIFAR-10 binary archive when it is absent, verifies its MD5, extracts it with
/// the BCL's gzip and tar readers into a temporary folder and renames that into place, so a failed or
/// interrupted download never leaves a half-written data folder.
/// </summary>
/// <param name="http">The client to download with.</param>
/// <param name="archiveUri">Where to download from (default: the official archive).</param>
/// <param name="archiveMd5">The archive's expected MD5 (default: the official one).</param>
internal sealed class Cifar10Downloader(HttpClient http, Uri? archiveUri = null, string? archiveMd5 = null)
{
    private readonly Uri _uri = archiveUri ?? ArchiveUri;
    private readonly string _md5 = archiveMd5 ?? ArchiveMd5;

    /// <summary>The official archive.</summary>
    public static readonly Uri ArchiveUri = new("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    /// <summary>MD5 of the official archive, as published.</summary>
    public const string ArchiveMd5 = "c32a1d4ab5d03f1284b67883e8d87530";

    /// <summary>True when every data file is present.</summary>
    public static bool IsPresent(string folder) => Cifar10Format.AllDataFiles.All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>Makes sure <paramref name="folder"/> holds the data, downloading it if needed.</summary>
    /// <param name="folder">The <c>cifar-10-batches-bin</c> folder to fill.</param>
    /// <param name="progress">Receives (bytes so far, total bytes or null).</param>
    /// <param name="cancellation">Stops the download.</param>
    /// <exception cref="DatasetUnavailableException">Offline, or the archive is corrupt.</exception>
    public async Task EnsureAsync(string folder, IProgress<(long Done, long? Total)>? progress = null, CancellationToken cancellation = default)
    {
        if (IsPresent(folder)) return;
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);
        var work = Path.Combine(parent, $".cifar10-download-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var archive = Path.Combine(work, "cifar-10-binary.tar.gz");
            await DownloadAsync(archive, folder, progress, cancellation);
            var md5 = Convert.ToHexString(MD5.HashData(File.ReadAllBytes(archive))).ToLowerInvariant();
            if (md5 != _md5)
                throw new DatasetUnavailableException($"The downloaded CIFAR-10 archive is corrupt (MD5 {md5}, expected {_md5}). Nothing was written to {folder}; run again to retry.");
            var extracted = Path.Combine(work, "extracted");
            await ExtractAsync(archive, extracted, cancellation);
            var inner = Path.Combine(extracted, Cifar10Format.FolderName);
            if (!IsPresent(inner))
                throw new DatasetUnavailableException($"The CIFAR-10 archive from {_uri} lacks {Cifar10Format.FolderName}/ with the six batch files.");
            if (Directory.Exists(folder) && !IsPresent(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(inner, folder);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The message for a machine that cannot download the data.</summary>
    public static string OfflineMessage(string folder, string reason) =>
        $"CIFAR-10 is not in {folder} and could not be downloaded ({reason}).\n" +
        $"Download {ArchiveUri} (MD5 {ArchiveMd5}) and extract it so that {folder} holds " +
        $"{string.Join(", ", Cifar10Format.AllDataFiles)} and {Cifar10Format.MetaFile}, " +
        $"or point --data (or ${DataLocation.DataVariable}) at a folder that holds them.";

    private Task DownloadAsync(string target, string folder, IProgress<(long, long?)>? progress, CancellationToken cancellation) =>
        HttpDownload.ToFileAsync(http, _uri, target, progress, e => new DatasetUnavailableException(OfflineMessage(folder, e.Message), e), cancellation);

    private static async Task ExtractAsync(string archive, string destination, CancellationToken cancellation)
    {
        Directory.CreateDirectory(destination);
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(gzip, destination, overwriteFiles: true, cancellation);
    }
}
