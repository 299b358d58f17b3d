using MlNetVision.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models;

/// <summary>Shape of a <see cref="SimpleVit"/>.</summary>
/// <param name="Patch">Patch side in pixels.</param>
/// <param name="Dim">Token width.</param>
/// <param name="Depth">Number of blocks.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="MlpDim">MLP hidden width.</param>
/// <param name="AttentionDropout">Dropout on attention weights.</param>
internal sealed record VitShape(int Patch = 4, int Dim = 128, int Depth = 6, int Heads = 4, int MlpDim = 512, double AttentionDropout = 0.1);

/// <summary>
/// The seed's SimpleViT: a patch convolution, a cls token and positional embeddings (normal init),
/// post-norm blocks, LayerNorm on the cls token, a linear head. Names follow the PyTorch peer.
/// </summary>
internal sealed class SimpleVit : ImageClassifier
{
#pragma warning disable IDE1006
    private readonly Conv2d patch_embed;
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly ModuleList<PostNormBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
#pragma warning restore IDE1006

    /// <summary>Builds the network.</summary>
    public SimpleVit(ModelSpec spec, VitShape shape) : base(nameof(SimpleVit), spec)
    {
        if (spec.ImageSize % shape.Patch != 0)
            throw new ArgumentException($"SimpleVit needs an image size divisible by the patch size {shape.Patch}, got {spec.ImageSize}.");
        Shape = shape;
        int tokens = (spec.ImageSize / shape.Patch) * (spec.ImageSize / shape.Patch);
        patch_embed = Conv2d(3, shape.Dim, shape.Patch, stride: shape.Patch);
        cls_token = Parameter(randn(1, 1, shape.Dim));
        pos_embed = Parameter(randn(1, tokens + 1, shape.Dim));
        blocks = ModuleList(Enumerable.Range(0, shape.Depth)
            .Select(_ => new PostNormBlock(shape.Dim, shape.Heads, shape.MlpDim, shape.AttentionDropout)).ToArray());
        norm = LayerNorm(shape.Dim);
        head = Linear(shape.Dim, spec.NumClasses);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public VitShape Shape { get; }

    /// <summary>Patch embedding convolution.</summary>
    public Conv2d PatchEmbed => patch_embed;

    /// <summary>The class token <c>[1, 1, D]</c>.</summary>
    public Parameter ClsToken => cls_token;

    /// <summary>Positional embeddings <c>[1, tokens + 1, D]</c>.</summary>
    public Parameter PosEmbed => pos_embed;

    /// <summary>The transformer blocks.</summary>
    public IReadOnlyList<PostNormBlock> Blocks => blocks.ToList();

    /// <summary>Final norm on the cls token.</summary>
    public LayerNorm Norm => norm;

    /// <summary>Classifier head.</summary>
    public Linear Head => head;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = VitTokens.Embed(patch_embed, cls_token, pos_embed, input);
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(norm.forward(VitTokens.ClassToken(x))).MoveToOuterDisposeScope();
    }
}
