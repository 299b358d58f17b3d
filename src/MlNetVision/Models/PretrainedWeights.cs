using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// Where a model's default pretrained weights come from: a file to download into the weights cache
/// (<see cref="FileName"/>, <see cref="DownloadUri"/>, <see cref="Sha256Prefix"/>) or weights that ship with
/// a package and load without a network (<see cref="Bundled"/>).
/// </summary>
internal sealed record PretrainedWeights
{
    /// <summary>What the weights are, for logs and reports, such as <c>torchvision ImageNet-1k</c>.</summary>
    public required string Description { get; init; }

    /// <summary>File name in the weights cache (downloadable weights).</summary>
    public string? FileName { get; init; }

    /// <summary>Where to download the file from.</summary>
    public Uri? DownloadUri { get; init; }

    /// <summary>Leading hex digits of the file's SHA-256 (torch.hub's convention: the part of the file name after the dash).</summary>
    public string? Sha256Prefix { get; init; }

    /// <summary>Another way to get started offline (where else the weights are published, or a model with offline weights), for the offline message.</summary>
    public string? AlternativeSource { get; init; }

    /// <summary>Loads weights shipped with a package, as a state dict in the model's naming (bundled weights).</summary>
    public Func<Dictionary<string, Tensor>>? Bundled { get; init; }
}
