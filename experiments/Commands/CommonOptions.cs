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

    /// <summary><c>--test-fraction</c>, checked to lie between 0 and 1 (exclusive).</summary>
    public static Option<double?> TestFraction()
    {
        var option = new Option<double?>("--test-fraction") { Description = "For a flat image folder (DIR/<class>/*): the share of each class held out for testing (default 0.2)." };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } f && !(f > 0 && f < 1)) result.AddError("--test-fraction must be between 0 and 1 (exclusive).");
        });
        return option;
    }

    /// <summary><c>--split-seed</c>.</summary>
    public static Option<int?> SplitSeed() =>
        new("--split-seed") { Description = "For a flat image folder: the seed of the train/test split (default 0; kept apart from --seed so that every seed tests on the same images)." };
}
