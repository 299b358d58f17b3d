using MlNetVision.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models;

/// <summary>
/// timm's <c>VisionTransformer</c> as DeiT uses it, with timm's parameter names (<c>patch_embed.proj</c>,
/// <c>cls_token</c>, <c>pos_embed</c>, <c>blocks.N.norm1</c>, <c>blocks.N.attn.qkv</c>, <c>blocks.N.attn.proj</c>,
/// <c>blocks.N.norm2</c>, <c>blocks.N.mlp.fc1</c>, <c>blocks.N.mlp.fc2</c>, <c>norm</c>, <c>head</c>): pre-norm
/// blocks, LayerNorm eps 1e-6, exact GELU, a class token whose final norm feeds the head. A timm checkpoint
/// loads strictly; at an input size other than the checkpoint's its position embeddings are resampled
/// (bicubic, antialiased, as timm's <c>resample_abs_pos_embed</c>). Expects ImageNet-normalised input.
/// </summary>
internal sealed class TimmVisionTransformer : ImageClassifier, IPretrainable, IFeatureExtractor
{
#pragma warning disable IDE1006 // timm's names, so checkpoints map by name
    private readonly TimmPatchEmbed patch_embed;
    private readonly Parameter cls_token;
    private readonly Parameter pos_embed;
    private readonly ModuleList<PreNormBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;
#pragma warning restore IDE1006

    /// <summary>Builds the network (timm's initialisation: truncated normal 0.02 for position embeddings and linear layers).</summary>
    public TimmVisionTransformer(ModelSpec spec, TimmVitShape shape, PretrainedWeights? weights = null) : base(nameof(TimmVisionTransformer), spec)
    {
        if (spec.ImageSize % shape.Patch != 0)
            throw new ArgumentException($"A vision transformer with patch {shape.Patch} needs an image size divisible by it, got {spec.ImageSize}.");
        Shape = shape;
        DefaultWeights = weights;
        int grid = spec.ImageSize / shape.Patch;
        patch_embed = new TimmPatchEmbed(shape.Patch, shape.Dim);
        cls_token = Parameter(zeros(1, 1, shape.Dim));
        pos_embed = Parameter(zeros(1, grid * grid + 1, shape.Dim));
        blocks = ModuleList(Enumerable.Range(0, shape.Depth).Select(_ => new PreNormBlock(shape.Dim, shape.Heads, shape.Dim * shape.MlpRatio)).ToArray());
        norm = LayerNorm(shape.Dim, PreNormBlock.LayerNormEps);
        head = Linear(shape.Dim, spec.NumClasses);
        RegisterComponents();
        using (no_grad())
        {
            TruncatedNormal.Fill(pos_embed, 0.02);
            init.normal_(cls_token, std: 1e-6);
            foreach (var (_, module) in named_modules())
            {
                if (module is not Linear linear) continue;
                TruncatedNormal.Fill(linear.weight!, 0.02);
                linear.bias?.zero_();
            }
        }
    }

    /// <summary>The architecture.</summary>
    public TimmVitShape Shape { get; }

    /// <summary>Patch embedding.</summary>
    public TimmPatchEmbed PatchEmbed => patch_embed;

    /// <summary>The class token <c>[1, 1, D]</c>.</summary>
    public Parameter ClsToken => cls_token;

    /// <summary>Position embeddings <c>[1, tokens + 1, D]</c>.</summary>
    public Parameter PosEmbed => pos_embed;

    /// <summary>The transformer blocks.</summary>
    public IReadOnlyList<PreNormBlock> Blocks => blocks.ToList();

    /// <summary>Final norm.</summary>
    public LayerNorm Norm => norm;

    /// <summary>Classifier head.</summary>
    public Linear HeadLayer => head;

    /// <inheritdoc />
    public IReadOnlyList<string> HeadPrefixes => ["head."];

    /// <inheritdoc />
    public PretrainedWeights? DefaultWeights { get; }

    /// <inheritdoc />
    public int FeatureCount => Shape.Dim;

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Head => head;

    /// <inheritdoc />
    public IReadOnlyList<string> AdaptCheckpoint(IDictionary<string, Tensor> stateDict)
    {
        if (!stateDict.TryGetValue("pos_embed", out var source) || source.shape.SequenceEqual(pos_embed.shape)) return [];
        long oldTokens = source.shape[1] - 1, newTokens = pos_embed.shape[1] - 1;
        long oldGrid = (long)Math.Round(Math.Sqrt(oldTokens)), newGrid = (long)Math.Round(Math.Sqrt(newTokens));
        if (source.dim() != 3 || oldGrid * oldGrid != oldTokens || source.shape[2] != pos_embed.shape[2]) return [];
        using (var scope = NewDisposeScope())
        {
            var grid = source[.., 1..].reshape(1, oldGrid, oldGrid, -1).permute(0, 3, 1, 2);
            var resized = functional.interpolate(grid, [newGrid, newGrid], mode: InterpolationMode.Bicubic, align_corners: false, antialias: true);
            stateDict["pos_embed"] = cat([source[.., ..1], resized.permute(0, 2, 3, 1).reshape(1, newGrid * newGrid, -1)], 1).MoveToOuterDisposeScope();
        }
        source.Dispose();
        return [$"pos_embed resampled from {oldGrid}×{oldGrid} to {newGrid}×{newGrid} patches (bicubic, antialiased, as timm)"];
    }

    /// <inheritdoc />
    public Tensor ForwardFeatures(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = patch_embed.forward(input);
        x = cat([cls_token.expand(x.shape[0], -1, -1), x], 1) + pos_embed;
        foreach (var block in blocks) x = block.forward(x);
        return norm.forward(x)[.., 0].MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return head.forward(ForwardFeatures(input)).MoveToOuterDisposeScope();
    }
}
