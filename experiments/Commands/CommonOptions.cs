using System.CommandLine;

namespace MlNetVision.Experiments.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data folder (holding cifar-10-batches-bin, or the .bin files themselves). Default: $MLNETVISION_DATA, else ~/.cache/mlnetvision/datasets.",
    };
}
