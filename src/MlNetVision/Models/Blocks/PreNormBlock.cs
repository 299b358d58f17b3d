using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>timm's pre-norm transformer <c>Block</c>: <c>x += attn(norm1(x)); x += mlp(norm2(x))</c>, LayerNorm eps 1e-6.</summary>
internal sealed class PreNormBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>timm's LayerNorm epsilon for ViT and DeiT.</summary>
    public const double LayerNormEps = 1e-6;

#pragma warning disable IDE1006
    private readonly LayerNorm norm1;
    private readonly TimmAttention attn;
    private readonly LayerNorm norm2;
    private readonly TimmMlp mlp;
#pragma warning restore IDE1006

    private readonly double _dropPath;

    /// <summary>Creates the block.</summary>
    /// <param name="dim">Token width.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="mlpHidden">MLP hidden width.</param>
    /// <param name="dropPath">Stochastic depth: in training, each residual branch is dropped for a whole sample with this
    /// probability (kept branches scaled by 1/(1 − p)); identity at inference. 0 = off.</param>
    public PreNormBlock(int dim, int heads, int mlpHidden, double dropPath = 0) : base(nameof(PreNormBlock))
    {
        _dropPath = dropPath;
        norm1 = LayerNorm(dim, LayerNormEps);
        attn = new TimmAttention(dim, heads);
        norm2 = LayerNorm(dim, LayerNormEps);
        mlp = new TimmMlp(dim, mlpHidden);
        RegisterComponents();
    }

    /// <summary>The norm before attention.</summary>
    public LayerNorm Norm1 => norm1;

    /// <summary>The attention.</summary>
    public TimmAttention Attention => attn;

    /// <summary>The norm before the MLP.</summary>
    public LayerNorm Norm2 => norm2;

    /// <summary>The MLP.</summary>
    public TimmMlp Mlp => mlp;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + DropPath(attn.forward(norm1.forward(x)));
        return (h + DropPath(mlp.forward(norm2.forward(h)))).MoveToOuterDisposeScope();
    }

    private Tensor DropPath(Tensor branch)
    {
        if (!training || _dropPath == 0) return branch;
        var keep = empty(branch.shape[0], 1, 1).bernoulli_(1 - _dropPath);
        return branch.mul(keep).div(1 - _dropPath);
    }
}
