using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetVision.Models.Blocks;

/// <summary>The ViT front end shared by our vision transformers: patches to tokens, class token in front, positions added.</summary>
internal static class VitTokens
{
    /// <summary><c>[B, 3, H, W]</c> → <c>[B, 1 + (H/p)·(W/p), D]</c>.</summary>
    public static Tensor Embed(Conv2d patchEmbed, Parameter clsToken, Parameter posEmbed, Tensor input)
    {
        var x = patchEmbed.forward(input).flatten(2).transpose(1, 2);
        return cat([clsToken.expand(x.shape[0], -1, -1), x], 1) + posEmbed;
    }

    /// <summary>The class token's row of <c>[B, N, D]</c> tokens: <c>[B, D]</c>.</summary>
    public static Tensor ClassToken(Tensor tokens) => tokens[.., 0];
}
