using MlNetVision.Data;

namespace MlNetVision.Tests.Data;

public class ImageSetTests
{
    private static ImageSet MakeSet(int count, Func<int, int> label)
    {
        var pixels = new byte[count * 12];
        for (int i = 0; i < count; i++) pixels.AsSpan(i * 12, 12).Fill((byte)i);
        return new ImageSet("test", pixels, Enumerable.Range(0, count).Select(label).ToArray(), ["a", "b", "c"], 2, 2);
    }

    [Fact]
    public void Take_FewerThanCount_KeepsFirstImagesInOrder()
    {
        var set = MakeSet(10, i => i % 3);

        var first = set.Take(4);

        Assert.Equal(4, first.Count);
        Assert.Equal(new[] { 0, 1, 2, 0 }, first.Labels);
        Assert.Equal(3, first.ImagePixels(3)[0]);
    }

    [Fact]
    public void StratifiedSample_SameSeed_SameImagesAndClassShares()
    {
        // 60 of class a, 30 of b, 10 of c
        var set = MakeSet(100, i => i < 60 ? 0 : i < 90 ? 1 : 2);

        var sample = set.StratifiedSample(20, seed: 7);
        var again = set.StratifiedSample(20, seed: 7);
        var other = set.StratifiedSample(20, seed: 8);

        Assert.Equal(new[] { 12, 6, 2 }, sample.CountsPerClass());
        Assert.Equal(sample.Pixels, again.Pixels);
        Assert.NotEqual(sample.Pixels, other.Pixels);
    }

    [Fact]
    public void Constructor_PixelCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ImageSet("x", new byte[11], [0], ["a"], 2, 2));
    }
}
