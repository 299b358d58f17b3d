using MlNetVision.Infrastructure;

namespace MlNetVision.Pretrained;

/// <summary>A checkpoint is missing, unreadable, or does not fit the model (the message names every offending tensor).</summary>
public sealed class CheckpointException : MlNetVisionException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public CheckpointException(string message, Exception inner) : base(message, inner) { }
}
