using System.CommandLine;

namespace MlNetVision.Experiments.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "Data folder: CIFAR-10's binary version (the .bin files, or a folder holding cifar-10-batches-bin), or an image folder " +
                      "(DIR/train/<class>/* + DIR/test/<class>/* [+ DIR/val/<class>/*], or DIR/<class>/* split by --test-fraction). " +
                      "Default: $MLNETVISION_DATA, else ~/.cache/mlnetvision/datasets (CIFAR-10, downloaded when absent).",
    };
}
