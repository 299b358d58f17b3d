namespace MlNetVision.Experiments.Sweeps.Kubernetes;

/// <summary>
/// The settings of the emitted Jobs: the container image holding the CLI and how it is started in it, the volume claim
/// holding the working folder (data, sweep file, outputs) and where it is mounted, tasks at once, and per-task resources.
/// </summary>
public sealed record KubernetesOptions(
    string Image = KubernetesOptions.DefaultImage,
    string Claim = KubernetesOptions.DefaultClaim,
    string MountPath = KubernetesOptions.DefaultMountPath,
    int? MaxParallel = null,
    string? Cpus = null,
    string? Memory = null,
    int GraceSeconds = Slurm.SlurmOptions.DefaultGraceSeconds,
    int BackoffLimitPerIndex = 3)
{
    /// <summary>The image name written when none is given.</summary>
    public const string DefaultImage = "mlnetvision:latest";

    /// <summary>The PersistentVolumeClaim written when none is given.</summary>
    public const string DefaultClaim = "mlnetvision-work";

    /// <summary>Where the claim is mounted and the tasks run.</summary>
    public const string DefaultMountPath = "/work";

    /// <summary>How the CLI starts inside the image (the published CLI in /app).</summary>
    public static readonly IReadOnlyList<string> Cli = ["dotnet", "/app/MlNetVision.Experiments.dll"];
}
