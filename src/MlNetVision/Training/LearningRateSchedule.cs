namespace MlNetVision.Training;

/// <summary>The learning rate at each step: optional linear warm-up, then constant or cosine decay.</summary>
public sealed class LearningRateSchedule(LearningRateScheduleKind kind, double baseRate, long totalSteps, double warmupFraction)
{
    private readonly long _warmup = (long)Math.Round(totalSteps *
        (kind == LearningRateScheduleKind.OneCycle && warmupFraction == 0 ? 0.3 : warmupFraction));

    /// <summary>The rate for step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (step < _warmup) return baseRate * (step + 1) / _warmup;
        if (kind == LearningRateScheduleKind.Constant) return baseRate;
        long decaySteps = Math.Max(1, totalSteps - _warmup);
        double progress = Math.Clamp((double)(step - _warmup) / decaySteps, 0, 1);
        return baseRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
