namespace MlNetVision.Infrastructure;

/// <summary>
/// An error the user can fix (bad input, missing data, bad option): the CLI prints only its message
/// and exits with a non-zero code, without a stack trace.
/// </summary>
public class MlNetVisionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MlNetVisionException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public MlNetVisionException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A data file or folder is missing, truncated or malformed.</summary>
public sealed class InvalidDatasetException(string message) : MlNetVisionException(message);

/// <summary>The data set is absent and could not be downloaded.</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null)
    : MlNetVisionException(message, inner ?? new InvalidOperationException(message));
