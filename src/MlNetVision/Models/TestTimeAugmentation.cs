using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Models;

/// <summary>
/// Test-time augmentation in TorchSharp: the logits of several views of each image, weighted and summed
/// (the exported model does the same in ONNX). <see cref="TestTimeAugmentationKind.FlipTranslate"/> is
/// airbench's level 2: ¼ image + ¼ mirror + ⅛ each of the image shifted one pixel up-left and down-right
/// (reflect padding) and their mirrors.
/// </summary>
internal static class TestTimeAugmentation
{
    /// <summary>The views' weights, in the order <see cref="Views"/> returns them.</summary>
    public static double[] Weights(TestTimeAugmentationKind kind) => kind switch
    {
        TestTimeAugmentationKind.None => [1.0],
        TestTimeAugmentationKind.Flip => [0.5, 0.5],
        TestTimeAugmentationKind.FlipTranslate => [0.25, 0.25, 0.125, 0.125, 0.125, 0.125],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown test-time augmentation"),
    };

    /// <summary>The views of a batch <c>[N, 3, S, S]</c>.</summary>
    public static IReadOnlyList<Tensor> Views(Tensor images, TestTimeAugmentationKind kind)
    {
        if (kind == TestTimeAugmentationKind.None) return [images];
        var views = new List<Tensor> { images, images.flip(3) };
        if (kind == TestTimeAugmentationKind.FlipTranslate)
        {
            int side = (int)images.shape[3];
            var padded = nn.functional.pad(images, [1, 1, 1, 1], PaddingModes.Reflect);
            foreach (int offset in new[] { 0, 2 })
            {
                var shifted = padded[.., .., offset..(offset + side), offset..(offset + side)];
                views.Add(shifted);
                views.Add(shifted.flip(3));
            }
        }
        return views;
    }

    /// <summary>The weighted logits of <paramref name="model"/> over the views of <paramref name="images"/>.</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor images, TestTimeAugmentationKind kind)
    {
        var views = Views(images, kind);
        var weights = Weights(kind);
        var logits = model.forward(cat(views.ToArray(), 0)).reshape(views.Count, images.shape[0], -1);
        return logits.mul(tensor(weights.Select(w => (float)w).ToArray()).view(-1, 1, 1)).sum(0L, keepdim: false);   // 0L: a plain 0 binds to sum(ScalarType)
    }
}
