using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetVision.Models.Blocks;

/// <summary>timm's <c>PatchEmbed</c>: a stride-P convolution <c>proj</c>, flattened to tokens <c>[B, (S/P)², D]</c>.</summary>
internal sealed class TimmPatchEmbed : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Conv2d proj;
#pragma warning restore IDE1006

    /// <summary>Creates the block.</summary>
    public TimmPatchEmbed(int patch, int dim) : base(nameof(TimmPatchEmbed))
    {
        proj = Conv2d(3, dim, patch, stride: patch);
        RegisterComponents();
    }

    /// <summary>The patch convolution.</summary>
    public Conv2d Proj => proj;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return proj.forward(x).flatten(2).transpose(1, 2).MoveToOuterDisposeScope();
    }
}
