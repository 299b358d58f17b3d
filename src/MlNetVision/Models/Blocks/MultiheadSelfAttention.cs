using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// Self-attention with PyTorch <c>nn.MultiheadAttention</c>'s parameters (<c>in_proj_weight</c>,
/// <c>in_proj_bias</c>, <c>out_proj</c>) and its initialisation; batch-first <c>[B, N, D]</c>.
/// Dropout applies to the attention weights in training only.
/// </summary>
internal sealed class MultiheadSelfAttention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Parameter in_proj_weight;
    private readonly Parameter in_proj_bias;
    private readonly Linear out_proj;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    public MultiheadSelfAttention(int dim, int heads, double dropout) : base(nameof(MultiheadSelfAttention))
    {
        if (dim % heads != 0) throw new ArgumentException($"dim {dim} is not divisible by {heads} heads.");
        Dim = dim;
        Heads = heads;
        Dropout = dropout;
        in_proj_weight = Parameter(init.xavier_uniform_(empty(3 * dim, dim)));
        in_proj_bias = Parameter(zeros(3 * dim));
        out_proj = Linear(dim, dim);
        using (no_grad()) out_proj.bias!.zero_();
        RegisterComponents();
    }

    /// <summary>Model width.</summary>
    public int Dim { get; }

    /// <summary>Number of heads.</summary>
    public int Heads { get; }

    /// <summary>Attention-weight dropout probability (training only).</summary>
    public double Dropout { get; }

    /// <summary>The fused query/key/value projection weight <c>[3D, D]</c>.</summary>
    public Parameter InProjWeight => in_proj_weight;

    /// <summary>The fused projection bias <c>[3D]</c>.</summary>
    public Parameter InProjBias => in_proj_bias;

    /// <summary>The output projection.</summary>
    public Linear OutProj => out_proj;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        long b = x.shape[0], n = x.shape[1];
        var qkv = functional.linear(x, in_proj_weight, in_proj_bias)
            .reshape(b, n, 3, Heads, Dim / Heads).permute(2, 0, 3, 1, 4);
        var attended = functional.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], p: training ? Dropout : 0.0);
        return out_proj.forward(attended.transpose(1, 2).reshape(b, n, Dim));
    }
}
