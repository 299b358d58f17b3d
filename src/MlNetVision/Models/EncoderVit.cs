using MlNetVision.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using EncoderLayer = MlNetVision.Models.Blocks.TransformerEncoderLayer;

namespace MlNetVision.Models;

/// <summary>Shape of an <see cref="EncoderVit"/>.</summary>
/// <param name="Patch">Patch side in pixels.</param>
/// <param name="Dim">Token width.</param>
/// <param name="Depth">Encoder layers.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="FeedForward">Feed-forward width (PyTorch's default 2048).</param>
/// <param name="Dropout">Dropout (PyTorch's default 0.1).</param>
/// <param name="NormFirst">Pre-norm layers and a final LayerNorm when true; PyTorch's default post-norm when false.</param>
/// <param name="Gelu">GELU instead of PyTorch's default ReLU.</param>
/// <param name="UnitNormalEmbeddings">Class token and positional embeddings drawn from N(0, 1), as the seed's ViTs do;
/// otherwise timm's (zeros and truncated normal, std 0.02).</param>
internal sealed record EncoderVitShape(int Patch = 16, int Dim = 128, int Depth = 4, int Heads = 4, int FeedForward = 2048,
    double Dropout = 0.1, bool NormFirst = false, bool Gelu = false, bool UnitNormalEmbeddings = true);

/// <summary>
/// The seed's 224-px ViT: a patch convolution, a cls token and positional embeddings, a stack of
/// standard <c>nn.TransformerEncoderLayer</c>s (<c>encoder.layers.N</c>), the cls token into a linear head.
/// </summary>
internal sealed class EncoderVit : ImageClassifier
{
#pragma warning disable IDE1006
    private readonly Conv2d patch_embed;
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly ModuleList<EncoderLayer> encoder;
    private readonly LayerNorm norm;
    private readonly Linear head;
#pragma warning restore IDE1006

    /// <summary>Builds the network.</summary>
    public EncoderVit(ModelSpec spec, EncoderVitShape shape) : base(nameof(EncoderVit), spec)
    {
        if (spec.ImageSize % shape.Patch != 0)
            throw new ArgumentException($"EncoderVit needs an image size divisible by the patch size {shape.Patch}, got {spec.ImageSize}.");
        Shape = shape;
        int tokens = (spec.ImageSize / shape.Patch) * (spec.ImageSize / shape.Patch);
        patch_embed = Conv2d(3, shape.Dim, shape.Patch, stride: shape.Patch);
        cls_token = Parameter(shape.UnitNormalEmbeddings ? randn(1, 1, shape.Dim) : zeros(1, 1, shape.Dim));
        pos_embed = Parameter(shape.UnitNormalEmbeddings ? randn(1, tokens + 1, shape.Dim) : TruncatedNormal.Fill(empty(1, tokens + 1, shape.Dim), 0.02));
        encoder = ModuleList(Enumerable.Range(0, shape.Depth)
            .Select(_ => new EncoderLayer(shape.Dim, shape.Heads, shape.FeedForward, shape.Dropout, shape.NormFirst, shape.Gelu)).ToArray());
        norm = LayerNorm(shape.Dim);
        head = Linear(shape.Dim, spec.NumClasses);
        RegisterComponents();
    }

    /// <summary>The architecture.</summary>
    public EncoderVitShape Shape { get; }

    /// <summary>Patch embedding.</summary>
    public Conv2d PatchEmbed => patch_embed;

    /// <summary>Class token.</summary>
    public Parameter ClsToken => cls_token;

    /// <summary>Positional embeddings.</summary>
    public Parameter PosEmbed => pos_embed;

    /// <summary>Encoder layers.</summary>
    public IReadOnlyList<EncoderLayer> Layers => encoder.ToList();

    /// <summary>Final norm (applied only with pre-norm layers).</summary>
    public LayerNorm Norm => norm;

    /// <summary>Classifier head.</summary>
    public Linear Head => head;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = VitTokens.Embed(patch_embed, cls_token, pos_embed, input);
        foreach (var layer in encoder) x = layer.forward(x);
        var pooled = VitTokens.ClassToken(x);
        if (Shape.NormFirst) pooled = norm.forward(pooled);
        return head.forward(pooled).MoveToOuterDisposeScope();
    }
}
