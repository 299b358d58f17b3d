using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>
/// A residual connection for user-built networks: <c>body(x) + shortcut(x)</c>, the shortcut the identity when null
/// (then <c>body</c> must keep the shape). Children named <c>body</c> and <c>shortcut</c>; exported to ONNX as an
/// <c>Add</c> of the two branches.
/// </summary>
public sealed class Residual : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly nn.Module<Tensor, Tensor>? shortcut;

    /// <summary>Creates the block.</summary>
    /// <param name="body">The residual branch.</param>
    /// <param name="shortcut">The projection on the skip path (e.g. a 1×1 convolution when the shape changes), or null for the identity.</param>
    public Residual(nn.Module<Tensor, Tensor> body, nn.Module<Tensor, Tensor>? shortcut = null) : base(nameof(Residual))
    {
        this.body = body ?? throw new ArgumentNullException(nameof(body));
        this.shortcut = shortcut;
        RegisterComponents();
    }

    /// <summary>The residual branch.</summary>
    public nn.Module<Tensor, Tensor> Body => body;

    /// <summary>The skip path's projection, or null for the identity.</summary>
    public nn.Module<Tensor, Tensor>? Shortcut => shortcut;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => body.forward(input).add(shortcut is null ? input : shortcut.forward(input));
}
