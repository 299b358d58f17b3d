using MlNetVision.Data;

namespace MlNetVision.Tests.TestSupport;

/// <summary>Small learnable image sets: each class has its own dominant colour channel, plus seeded noise.</summary>
public static class SyntheticImages
{
    public static readonly string[] ClassNames = ["red", "green", "blue"];

    public static ImageSet Create(int count, int seed, int size = 32)
    {
        var random = new Random(seed);
        int plane = size * size;
        var pixels = new byte[count * 3 * plane];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % ClassNames.Length;
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < plane; p++)
                    pixels[(i * 3 + c) * plane + p] = (byte)Math.Clamp((c == labels[i] ? 170 : 70) + random.Next(-60, 60), 0, 255);
        }
        return new ImageSet("synthetic", pixels, labels, ClassNames, size, size);
    }
}
