using MlNetVision.Data;
using MlNetVision.Suite.Reporting;
using MlNetVision.Suite.Reporting.SeedStudy;

namespace MlNetVision.Experiments.Definitions;

/// <summary>
/// The seed study's results table, row by row, with the experiment that runs each row's own settings here and this
/// project's best CPU recipe for the same kind of model (<see cref="SeedStudyTable"/> fills in the runs).
/// </summary>
public static class SeedStudyRows
{
    private static readonly IReadOnlyList<string> Cifar10 = Cifar10Format.DefaultClassNames;

    private const string TorchvisionWeights =
        "the seed's torchvision ImageNet weights cannot be downloaded here: ours start from ML.NET's offline ImageNet ResNet-18 " +
        "(the same architecture); resnet18-finetune runs the seed's weights given --pretrained resnet18-f37072fd.pth";

    /// <summary>The rows, in the seed study's order; the 224-px ViT made trainable is ours, with no seed figure.</summary>
    public static readonly IReadOnlyList<SeedStudyRow> All =
    [
        new("SimpleCNN, 32 px", 0.7145, null, "simple-cnn", new ReferenceRecipe(10, 32, Cifar10), "fast-cnn-94"),
        new("SimpleViT, 32 px", 0.6136, null, "simple-vit", new ReferenceRecipe(10, 32, Cifar10), "vit-from-scratch"),
        new("ResNet18 fine-tune, 224 px", 0.8763, 0.8766, "resnet18-mlnet-finetune", new ReferenceRecipe(3, 224, Cifar10), "resnet18-mlnet-cpu", TorchvisionWeights),
        new("ResNet18 fine-tune + augmentation, 224 px", 0.8964, 0.8972, "resnet18-mlnet-finetune-aug", new ReferenceRecipe(3, 224, Cifar10), "resnet18-mlnet-cpu", TorchvisionWeights),
        new("DeiT-tiny fine-tune, 224 px", 0.9223, 0.9218, "deit-tiny-finetune", new ReferenceRecipe(3, 224, Cifar10), null,
            "needs timm's DeiT-tiny ImageNet checkpoint (deit_tiny_patch16_224-a1311bcf.pth, or model.safetensors of timm/deit_tiny_patch16_224.fb_in1k), " +
            "which cannot be downloaded here; the model loads it by timm's names and matches PyTorch on the test fixtures",
            "run deit-tiny-finetune --data D --pretrained deit_tiny_patch16_224-a1311bcf.pth"),
        new("CNN + RandAugment, 224 px", 0.5538, null, "simple-cnn-224-randaugment", new ReferenceRecipe(10, 224, Cifar10), "fast-cnn-94"),
        new("ViT + RandAugment, 224 px", 0.1000, null, "simple-vit-224-randaugment", new ReferenceRecipe(10, 224, Cifar10), "vit-from-scratch",
            "the seed's configuration (post-norm, Adam 1e-3, no warm-up) stays near chance, as in the seed"),
        new("ViT + RandAugment, 224 px, pre-norm (ours)", null, null, "simple-vit-224-randaugment-prenorm", new ReferenceRecipe(10, 224, Cifar10), "vit-from-scratch",
            "not in the seed study: the same ViT made trainable (pre-norm, GELU, AdamW 3e-4, warm-up + cosine, label smoothing)"),
    ];
}
