using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>timm's <c>Attention</c>: a fused <c>qkv</c> Linear (with bias) and an output <c>proj</c>; batch-first <c>[B, N, D]</c>.</summary>
internal sealed class TimmAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // timm's names, so checkpoints map by name
    private readonly Linear qkv;
    private readonly Linear proj;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    public TimmAttention(int dim, int heads) : base(nameof(TimmAttention))
    {
        if (dim % heads != 0) throw new ArgumentException($"dim {dim} is not divisible by {heads} heads.");
        Dim = dim;
        Heads = heads;
        qkv = Linear(dim, 3 * dim);
        proj = Linear(dim, dim);
        RegisterComponents();
    }

    /// <summary>Model width.</summary>
    public int Dim { get; }

    /// <summary>Number of heads.</summary>
    public int Heads { get; }

    /// <summary>The fused query/key/value projection <c>D → 3D</c>.</summary>
    public Linear Qkv => qkv;

    /// <summary>The output projection.</summary>
    public Linear Proj => proj;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1];
        var parts = qkv.forward(x).reshape(b, n, 3, Heads, Dim / Heads).permute(2, 0, 3, 1, 4);
        var attended = functional.scaled_dot_product_attention(parts[0], parts[1], parts[2]);
        return proj.forward(attended.transpose(1, 2).reshape(b, n, Dim)).MoveToOuterDisposeScope();
    }
}
