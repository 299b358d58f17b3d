namespace MlNetVision.Models;

/// <summary>Where DeiT's ImageNet weights are published.</summary>
internal static class DeitWeights
{
    /// <summary>DeiT-tiny, ImageNet-1k (the weights timm tags <c>deit_tiny_patch16_224.fb_in1k</c>; top-1 72.2%).</summary>
    public static readonly PretrainedWeights Tiny = new()
    {
        Description = "DeiT-tiny ImageNet-1k (timm deit_tiny_patch16_224.fb_in1k)",
        FileName = "deit_tiny_patch16_224-a1311bcf.pth",
        DownloadUri = new Uri("https://dl.fbaipublicfiles.com/deit/deit_tiny_patch16_224-a1311bcf.pth"),
        Sha256Prefix = "a1311bcf",
        AlternativeSource = "pass --pretrained with timm's model.safetensors from https://huggingface.co/timm/deit_tiny_patch16_224.fb_in1k",
    };
}
