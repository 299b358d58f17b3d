using TorchSharp;
using static TorchSharp.torch;

namespace MlNetVision.Training;

/// <summary>
/// airbench's lookahead average: a copy of every floating-point parameter and buffer (BatchNorm running
/// statistics included); <see cref="Update"/> moves the copy towards the live weights and resets the live
/// weights to it. Decays grow from 0 to <c>0.95^interval</c> as <c>(step / total)³</c>, so early training follows
/// the live weights and late training averages over the last few hundred steps.
/// </summary>
internal sealed class LookaheadAverage : IDisposable
{
    private readonly List<(Tensor Live, Tensor Average)> _pairs;

    /// <summary>Starts the average at <paramref name="model"/>'s current weights.</summary>
    public LookaheadAverage(nn.Module model)
    {
        using var noGrad = no_grad();
        _pairs = model.parameters().Cast<Tensor>().Concat(model.buffers())
            .Where(t => t.is_floating_point())
            .Select(t => (t, t.detach().clone().DetachFromDisposeScope()))
            .ToList();
    }

    /// <summary>The decay at <paramref name="step"/> of <paramref name="totalSteps"/> for updates every <paramref name="interval"/> steps.</summary>
    public static double Decay(long step, long totalSteps, int interval) =>
        Math.Pow(0.95, interval) * Math.Pow((double)step / totalSteps, 3);

    /// <summary><c>average ← average + (1 − decay) · (live − average)</c>, then <c>live ← average</c>.</summary>
    public void Update(double decay)
    {
        using var noGrad = no_grad();
        foreach (var (live, average) in _pairs)
        {
            average.lerp_(live, 1 - decay);
            live.copy_(average);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, average) in _pairs) average.Dispose();
    }
}
