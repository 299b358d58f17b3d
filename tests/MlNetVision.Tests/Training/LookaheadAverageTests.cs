using MlNetVision.Native;
using MlNetVision.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Tests.Training;

public class LookaheadAverageTests
{
    [Fact]
    public void Decay_Airbench_GrowsCubicallyToPowerOfInterval()
    {
        Assert.Equal(0, LookaheadAverage.Decay(0, 100, 5));
        Assert.Equal(Math.Pow(0.95, 5) / 8, LookaheadAverage.Decay(50, 100, 5), 12);
        Assert.Equal(Math.Pow(0.95, 5), LookaheadAverage.Decay(100, 100, 5), 12);
    }

    [Fact]
    public void Update_HalfDecay_MovesAverageHalfwayAndResetsLiveWeights()
    {
        TorchRuntime.EnsureLoaded();
        using var layer = nn.Linear(2, 1);
        using (no_grad()) layer.weight!.copy_(tensor(new float[] { 0, 0 }).view(1, 2));
        using var average = new LookaheadAverage(layer);
        using (no_grad()) layer.weight!.copy_(tensor(new float[] { 2, 4 }).view(1, 2));

        average.Update(0.5);

        Assert.Equal(new float[] { 1, 2 }, layer.weight!.data<float>().ToArray());
        using (no_grad()) layer.weight!.copy_(tensor(new float[] { 9, 9 }).view(1, 2));
        average.Update(1);                                   // decay 1: the live weights return to the average
        Assert.Equal(new float[] { 1, 2 }, layer.weight!.data<float>().ToArray());
    }
}
