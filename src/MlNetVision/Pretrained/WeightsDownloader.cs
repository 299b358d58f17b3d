using MlNetVision.Infrastructure;
using System.Security.Cryptography;
using MlNetVision.Models;

namespace MlNetVision.Pretrained;

/// <summary>
/// Puts a model's downloadable pretrained weights into the weights cache: returns the cached file when it is
/// there (checking its SHA-256 prefix), else downloads it into a temporary file beside the target, checks the
/// SHA-256 prefix (torch.hub's rule: the hex after the dash in the file name) and renames it into place, so an
/// interrupted or corrupt download never leaves a file behind. Offline, the error says where to put the file.
/// </summary>
/// <param name="http">The client to download with.</param>
/// <param name="folder">The weights cache folder.</param>
internal sealed class WeightsDownloader(HttpClient http, string folder)
{
    /// <summary>The cache folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>Where <paramref name="weights"/> is (or would be) cached.</summary>
    public string PathOf(PretrainedWeights weights) =>
        Path.Combine(Folder, weights.FileName ?? throw new ArgumentException($"'{weights.Description}' is not a downloadable file.", nameof(weights)));

    /// <summary>Returns the cached file for <paramref name="weights"/>, downloading it first when absent.</summary>
    /// <param name="weights">Downloadable weights (with file name and URI).</param>
    /// <param name="progress">Receives (bytes so far, total bytes or null).</param>
    /// <param name="cancellation">Stops the download.</param>
    /// <exception cref="CheckpointException">Offline, a failed download, or a file whose checksum differs.</exception>
    public async Task<string> EnsureAsync(PretrainedWeights weights, IProgress<(long Done, long? Total)>? progress = null, CancellationToken cancellation = default)
    {
        var target = PathOf(weights);
        if (File.Exists(target))
        {
            var sha = Sha256(target);
            if (weights.Sha256Prefix is { } prefix && !sha.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointException($"The cached weights {target} have SHA-256 {sha}, which does not start with {prefix}: " +
                                              $"delete the file and run again to download {weights.DownloadUri}.");
            return target;
        }
        var uri = weights.DownloadUri ?? throw new CheckpointException(OfflineMessage(weights, target, "no download address is known"));
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $".{weights.FileName}.{Environment.ProcessId}-{Guid.NewGuid():N}.part");
        try
        {
            await DownloadAsync(uri, temporary, weights, target, progress, cancellation);
            var sha = Sha256(temporary);
            if (weights.Sha256Prefix is { } prefix && !sha.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointException($"The download of {uri} is corrupt (SHA-256 {sha}, expected to start with {prefix}). Nothing was written to {target}; run again to retry.");
            File.Move(temporary, target, overwrite: false);
            return target;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>The message for a machine that cannot download <paramref name="weights"/>.</summary>
    public static string OfflineMessage(PretrainedWeights weights, string target, string reason) =>
        $"The pretrained weights '{weights.Description}' are not in {target} and could not be downloaded ({reason}).\n" +
        $"Download {weights.DownloadUri} on a machine with internet access and copy it to {target}" +
        (weights.AlternativeSource is { } alternative ? $" (or {alternative})" : "") +
        ", or pass --pretrained <file> with a .pth or .safetensors in the model's naming, or --pretrained none to train from scratch.";

    private Task DownloadAsync(Uri uri, string temporary, PretrainedWeights weights, string target, IProgress<(long, long?)>? progress, CancellationToken cancellation) =>
        HttpDownload.ToFileAsync(http, uri, temporary, progress, e => new CheckpointException(OfflineMessage(weights, target, e.Message), e), cancellation);

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
