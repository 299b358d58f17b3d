using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// A ViT's patch embedding for user-built networks: a <c>patch</c>×<c>patch</c> convolution with that stride
/// (<c>proj</c>), its maps as tokens <c>[N, (S/patch)², dim]</c>, plus a learned position embedding (<c>pos_embed</c>,
/// truncated normal, std 0.02, as timm). Follow it with <see cref="TransformerBlock"/>s and <see cref="TokenMean"/>.
/// </summary>
public sealed class PatchTokens : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d proj;
    private readonly TorchSharp.Modules.Parameter pos_embed;

    /// <summary>Creates the embedding.</summary>
    /// <param name="imageSize">Side of the input images (<see cref="ModelSpec.ImageSize"/>); a multiple of <paramref name="patch"/>.</param>
    /// <param name="patch">Patch side in pixels.</param>
    /// <param name="dim">Token width.</param>
    /// <param name="channels">Input channels (3 for RGB images).</param>
    public PatchTokens(int imageSize, int patch, int dim, int channels = 3) : base(nameof(PatchTokens))
    {
        if (patch <= 0 || imageSize % patch != 0) throw new ArgumentException($"The image side {imageSize} must be a multiple of the patch side {patch}.", nameof(patch));
        Tokens = imageSize / patch * (imageSize / patch);
        Dim = dim;
        proj = nn.Conv2d(channels, dim, patch, stride: patch);
        pos_embed = nn.Parameter(TruncatedNormal.Fill(empty(1, Tokens, dim), 0.02));
        RegisterComponents();
    }

    /// <summary>Tokens per image.</summary>
    public int Tokens { get; }

    /// <summary>Token width.</summary>
    public int Dim { get; }

    /// <summary>The patch convolution.</summary>
    public TorchSharp.Modules.Conv2d Projection => proj;

    /// <summary>The learned position embedding, <c>[1, tokens, dim]</c>.</summary>
    public Tensor PositionEmbedding => pos_embed;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return proj.forward(input).flatten(2).transpose(1, 2).add(pos_embed).MoveToOuterDisposeScope();
    }
}
