using MlNetVision.Data;
using MlNetVision.Suite.Reporting.Artifacts;
using SkiaSharp;

namespace MlNetVision.Tests.Suite.Reporting.Artifacts;

public class ThumbnailsTests
{
    [Fact]
    public void Encode_UpscalesNearest_KeepingEveryPixelsColour()
    {
        // two 2x2 images, planar RGB: image 1's top-left pixel is (10, 20, 30)
        var pixels = new byte[2 * 12];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 10);
        var set = new ImageSet("t", pixels, [0, 1], ["a", "b"], 2, 2);

        var pngs = Thumbnails.Encode(set, [1], size: 8);

        using var bitmap = SKBitmap.Decode(Convert.FromBase64String(Assert.Single(pngs)));
        Assert.Equal((8, 8), (bitmap.Width, bitmap.Height));
        var topLeft = bitmap.GetPixel(3, 3);
        Assert.Equal((120, 160, 200), (topLeft.Red, topLeft.Green, topLeft.Blue));
        var bottomRight = bitmap.GetPixel(7, 7);
        Assert.Equal((150, 190, 230), (bottomRight.Red, bottomRight.Green, bottomRight.Blue));
    }
}
