namespace MlNetVision.Tests.TestSupport;

/// <summary>
/// Slurm holds a requeued batch job for about two minutes (its begin time is set ahead); the tests wait for the requeue
/// and then let the job start at once with <c>scontrol update StartTime=now</c>.
/// </summary>
public static class SlurmRequeue
{
    /// <summary>Waits until <paramref name="jobId"/> is pending again after its requeue, then releases it.</summary>
    public static void WaitAndRelease(string jobId)
    {
        SlurmCluster.WaitUntil(() => SlurmCluster.Run("squeue", "-h", "-j", jobId, "-o", "%T|%r").Trim() == "PENDING|BeginTime",
            TimeSpan.FromSeconds(120), $"{jobId} to be requeued");
        SlurmCluster.Run("scontrol", "update", $"JobId={jobId}", "StartTime=now");
    }
}
