namespace MlNetVision.Models;

/// <summary>Shape of a <see cref="TimmVisionTransformer"/>.</summary>
/// <param name="Patch">Patch side in pixels.</param>
/// <param name="Dim">Token width.</param>
/// <param name="Depth">Number of blocks.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="MlpRatio">MLP hidden width as a multiple of <paramref name="Dim"/>.</param>
internal sealed record TimmVitShape(int Patch, int Dim, int Depth, int Heads, int MlpRatio = 4)
{
    /// <summary>DeiT-tiny: patch 16, 192 dims, 12 blocks, 3 heads (timm <c>deit_tiny_patch16_224</c>).</summary>
    public static TimmVitShape DeitTiny { get; } = new(16, 192, 12, 3);
}
