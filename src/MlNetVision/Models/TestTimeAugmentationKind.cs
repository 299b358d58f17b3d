namespace MlNetVision.Models;

/// <summary>Test-time augmentation baked into the exported model: the logits of several views of each image, averaged.</summary>
public enum TestTimeAugmentationKind
{
    /// <summary>One view: the image.</summary>
    None,
    /// <summary>The image and its mirror image, averaged.</summary>
    Flip,
    /// <summary>airbench's level 2: ½ · (image, mirror) + ½ · the same pair for the image shifted by one pixel up-left and
    /// down-right (reflect padding): six views.</summary>
    FlipTranslate,
}
