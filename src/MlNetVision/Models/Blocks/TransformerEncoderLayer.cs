using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// PyTorch's <c>nn.TransformerEncoderLayer</c> (batch-first), with its parameter names
/// (<c>self_attn</c>, <c>linear1</c>, <c>linear2</c>, <c>norm1</c>, <c>norm2</c>): post-norm
/// <c>x = norm1(x + sa(x)); x = norm2(x + ff(x))</c> by default, pre-norm with <see cref="NormFirst"/>;
/// dropout on attention weights, after attention, inside and after the feed-forward.
/// </summary>
internal sealed class TransformerEncoderLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly MultiheadSelfAttention self_attn;
    private readonly Linear linear1;
    private readonly Linear linear2;
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
#pragma warning restore IDE1006

    /// <summary>Creates the layer.</summary>
    public TransformerEncoderLayer(int dim, int heads, int feedForward, double dropout, bool normFirst, bool gelu) : base(nameof(TransformerEncoderLayer))
    {
        self_attn = new MultiheadSelfAttention(dim, heads, dropout);
        linear1 = Linear(dim, feedForward);
        linear2 = Linear(feedForward, dim);
        norm1 = LayerNorm(dim);
        norm2 = LayerNorm(dim);
        Dropout = dropout;
        NormFirst = normFirst;
        Gelu = gelu;
        RegisterComponents();
    }

    /// <summary>Dropout probability.</summary>
    public double Dropout { get; }

    /// <summary>Pre-norm when true, post-norm (PyTorch's default) when false.</summary>
    public bool NormFirst { get; }

    /// <summary>GELU in the feed-forward when true, ReLU (PyTorch's default) when false.</summary>
    public bool Gelu { get; }

    /// <summary>Self-attention.</summary>
    public MultiheadSelfAttention SelfAttention => self_attn;

    /// <summary>Feed-forward in.</summary>
    public Linear Linear1 => linear1;

    /// <summary>Feed-forward out.</summary>
    public Linear Linear2 => linear2;

    /// <summary>First norm.</summary>
    public LayerNorm Norm1 => norm1;

    /// <summary>Second norm.</summary>
    public LayerNorm Norm2 => norm2;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor Drop(Tensor t) => functional.dropout(t, Dropout, training);
        Tensor FeedForward(Tensor t)
        {
            var h = linear1.forward(t);
            h = Gelu ? functional.gelu(h) : functional.relu(h);
            return Drop(linear2.forward(Drop(h)));
        }
        Tensor y;
        if (NormFirst)
        {
            var attended = x + Drop(self_attn.forward(norm1.forward(x)));
            y = attended + FeedForward(norm2.forward(attended));
        }
        else
        {
            var attended = norm1.forward(x + Drop(self_attn.forward(x)));
            y = norm2.forward(attended + FeedForward(attended));
        }
        return y.MoveToOuterDisposeScope();
    }
}
