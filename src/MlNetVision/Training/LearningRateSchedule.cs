namespace MlNetVision.Training;

/// <summary>
/// The learning rate at each step: optional linear warm-up, then constant, cosine decay to zero, or (the
/// <see cref="LearningRateScheduleKind.Linear"/> kind) a linear ramp from <c>startFactor</c> × base up to base
/// over the warm-up and down to <c>endFactor</c> × base at the last step.
/// </summary>
internal sealed class LearningRateSchedule(LearningRateScheduleKind kind, double baseRate, long totalSteps, double warmupFraction,
    double startFactor = 0, double endFactor = 0)
{
    private readonly long _warmup = (long)Math.Round(totalSteps *
        (kind == LearningRateScheduleKind.OneCycle && warmupFraction == 0 ? 0.3 : warmupFraction));

    /// <summary>The schedule an options object asks for, over <paramref name="totalSteps"/> steps.</summary>
    public static LearningRateSchedule For(TorchImageClassifierOptions options, long totalSteps) =>
        new(options.Schedule, options.LearningRate, totalSteps, options.WarmupFraction, options.ScheduleStartFactor, options.ScheduleEndFactor);

    /// <summary>The rate for step <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (kind == LearningRateScheduleKind.Linear) return baseRate * LinearFactor(step);
        if (step < _warmup) return baseRate * (step + 1) / _warmup;
        if (kind == LearningRateScheduleKind.Constant) return baseRate;
        long decaySteps = Math.Max(1, totalSteps - _warmup);
        double progress = Math.Clamp((double)(step - _warmup) / decaySteps, 0, 1);
        return baseRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    private double LinearFactor(long step)
    {
        if (step < _warmup) return startFactor + (1 - startFactor) * step / _warmup;
        double progress = Math.Clamp((double)(step - _warmup) / Math.Max(1, totalSteps - 1 - _warmup), 0, 1);   // end factor at the last step
        return 1 + (endFactor - 1) * progress;
    }
}
