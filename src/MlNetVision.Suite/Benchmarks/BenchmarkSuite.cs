using MlNetVision.Registry;
using MlNetVision.Data;
using MlNetVision.Models;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// What <c>bench</c> measures by default, the steps it takes per case, and which model of the PyTorch peer
/// (<c>../shared/peers/pytorch_reference.py</c>) is the counterpart of a registered model.
/// </summary>
public static class BenchmarkSuite
{
    /// <summary>Images per step by default.</summary>
    public const int DefaultBatch = 64;

    /// <summary>Untimed steps per case by default.</summary>
    public const int DefaultWarmup = 1;

    /// <summary>The default cases: both seed models at 32 px, ResNet-18 at 32 and 224 px, DeiT-tiny at 224 px.</summary>
    public static readonly IReadOnlyList<(string Model, int ImageSize)> DefaultCases =
    [
        ("simple_cnn", 32), ("simple_vit", 32), ("resnet18", 32), ("resnet18", 224), ("deit_tiny_patch16_224", 224),
    ];

    /// <summary>
    /// Cases that run channels-last (NHWC, ours and the peer's) unless <c>--nchw</c> is given, as the fast path does where
    /// it helps: ResNet-18 at 224 px trained at 20.47 img/s channels-last against 17.04 in NCHW (2026-11-30), and 17.94
    /// against 14.96 (2026-12-01). At 32 px its tensors are too small for the layout to matter.
    /// </summary>
    public static readonly IReadOnlySet<(string Model, int ImageSize)> ChannelsLastCases = new HashSet<(string, int)> { ("resnet18", 224) };

    /// <summary>Whether <paramref name="model"/> at <paramref name="imageSize"/> px runs channels-last by default (<see cref="ChannelsLastCases"/>).</summary>
    public static bool ChannelsLastByDefault(string model, int imageSize) => ChannelsLastCases.Contains((model, imageSize));

    /// <summary>The default cases of <c>bench --profile</c>.</summary>
    public static readonly IReadOnlyList<(string Model, int ImageSize)> ProfileCases = [("resnet18", 32), ("simple_vit", 32)];

    /// <summary>Registered models and their names in the peer script.</summary>
    private static readonly Dictionary<string, string> PeerNames = new()
    {
        ["simple_cnn"] = "simple_cnn", ["simple_vit"] = "simple_vit", ["resnet18"] = "resnet18", ["deit_tiny_patch16_224"] = "deit_tiny",
    };

    /// <summary>
    /// The cases to run: <paramref name="model"/> alone (at <paramref name="imageSize"/> or its default size), or
    /// every default (or profile) case, each at <paramref name="imageSize"/> when given; duplicates removed.
    /// </summary>
    public static IReadOnlyList<(string Model, int ImageSize)> Cases(string? model, int? imageSize, bool profile = false) =>
        model is not null
            ? [(model, imageSize ?? ModelRegistry.Get(model).DefaultImageSize)]
            : (profile ? ProfileCases : DefaultCases).Select(c => (c.Model, imageSize ?? c.ImageSize)).Distinct().ToList();

    /// <summary>Timed steps by default: 5 up to 64 px, 3 above (a 224-px ResNet-18 step takes seconds on a small CPU).</summary>
    public static int DefaultSteps(int imageSize) => imageSize > 64 ? 3 : 5;

    /// <summary>The peer script's name for <paramref name="model"/>, or null when the peer has no such model.</summary>
    public static string? PeerModel(string model) => PeerNames.GetValueOrDefault(model);

    /// <summary>Class names for <paramref name="classes"/> classes: CIFAR-10's for 10, else <c>class0</c>, <c>class1</c>, ….</summary>
    public static IReadOnlyList<string> ClassNames(int classes) =>
        classes == Cifar10Format.DefaultClassNames.Count ? Cifar10Format.DefaultClassNames : Enumerable.Range(0, classes).Select(i => $"class{i}").ToList();
}
