namespace MlNetVision.Training;

/// <summary>What one optimizer step did, for a per-step log such as TensorBoard's (<see cref="TrainingRuntime.StepCallback"/>).</summary>
/// <param name="Step">The global step just completed, 1-based (after resuming, it continues the interrupted run's count).</param>
/// <param name="Epoch">The 1-based epoch the step belongs to.</param>
/// <param name="Loss">The step's mean training loss over its batch.</param>
/// <param name="LearningRate">The learning rate the step used.</param>
public sealed record StepRecord(long Step, int Epoch, double Loss, double LearningRate);
