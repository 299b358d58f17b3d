namespace MlNetVision.Experiments.Running;

/// <summary>The process exit codes of the CLI.</summary>
public static class ExitCodes
{
    /// <summary>Everything asked for succeeded.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug to report).</summary>
    public const int InternalError = 1;

    /// <summary>An error the user can fix (bad input, missing data, unknown name).</summary>
    public const int UserError = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it); the run's model and report were saved.</summary>
    public const int Interrupted = 130;
}
