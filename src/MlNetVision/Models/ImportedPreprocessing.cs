namespace MlNetVision.Models;

/// <summary>
/// The input convention of an imported network: channel order and a mean subtracted on the 0–255 scale,
/// either a whole mean image (at its native size) or per-channel means (at any size).
/// </summary>
/// <param name="Bgr">True when the network reads channels as B, G, R.</param>
/// <param name="MeanImage">Mean image <c>[3, S, S]</c> in the network's channel order, 0–255 scale, row-major.</param>
/// <param name="MeanImageSize">Its side <c>S</c>: the native input size.</param>
internal sealed record ImportedPreprocessing(bool Bgr, float[] MeanImage, int MeanImageSize)
{
    /// <summary>Per-channel mean of <see cref="MeanImage"/>, in the network's channel order.</summary>
    public float[] ChannelMeans()
    {
        int plane = MeanImageSize * MeanImageSize;
        return Enumerable.Range(0, 3).Select(c => (float)MeanImage.AsSpan(c * plane, plane).ToArray().Average(v => (double)v)).ToArray();
    }
}
