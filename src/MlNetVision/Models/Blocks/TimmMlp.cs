using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>timm's <c>Mlp</c>: <c>fc2(GELU(fc1(x)))</c>.</summary>
internal sealed class TimmMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Linear fc1;
    private readonly GELU act;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    public TimmMlp(int dim, int hidden) : base(nameof(TimmMlp))
    {
        fc1 = Linear(dim, hidden);
        act = GELU();
        fc2 = Linear(hidden, dim);
        RegisterComponents();
    }

    /// <summary>The expanding layer.</summary>
    public Linear Fc1 => fc1;

    /// <summary>The contracting layer.</summary>
    public Linear Fc2 => fc2;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return fc2.forward(act.forward(fc1.forward(x))).MoveToOuterDisposeScope();
    }
}
