namespace MlNetVision.Tests.TestSupport;

/// <summary>The <c>slurm.conf</c> of the single-node test cluster, everything it writes kept under one folder; requeued jobs restart within seconds.</summary>
public static class SlurmConfig
{
    /// <summary>The configuration for node <paramref name="node"/>, its daemons on the given ports (free ones, so a Slurm already on this
    /// machine is neither used nor disturbed), with <paramref name="cpus"/> CPUs and <paramref name="memoryMb"/> MB.</summary>
    public static string For(string node, string folder, int cpus, long memoryMb, string partition, int controllerPort, int nodePort) => string.Join('\n',
    [
        "ClusterName=ci",
        $"SlurmctldHost={node}(127.0.0.1)",
        $"SlurmctldPort={controllerPort}",
        $"SlurmdPort={nodePort}",
        "SlurmUser=slurm",
        "AuthType=auth/munge",
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        $"StateSaveLocation={folder}/state",
        $"SlurmdSpoolDir={folder}/spool",
        $"SlurmctldPidFile={folder}/slurmctld.pid",
        $"SlurmdPidFile={folder}/slurmd.pid",
        $"SlurmctldLogFile={folder}/slurmctld.log",
        $"SlurmdLogFile={folder}/slurmd.log",
        "AccountingStorageType=accounting_storage/none",
        "JobAcctGatherType=jobacct_gather/none",
        "ReturnToService=2",
        // Slurm holds a requeued job until its old credential expires (cred_expire, 120 s by default; starting it sooner
        // fails with "Job credential revoked"), and looks at jobs whose begin time passed every sched_interval (60 s):
        // both shortened so that a requeued task starts again within seconds.
        "AuthInfo=cred_expire=5",
        "SchedulerParameters=sched_interval=2",
        $"NodeName={node} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memoryMb} State=UNKNOWN",
        $"PartitionName={partition} Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        "",
    ]);

    /// <summary>A TCP port free right now on the loopback interface.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Four fifths of the machine's memory (MemTotal in /proc/meminfo), so slurmd never finds less than configured.</summary>
    public static long MemoryMegabytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return kilobytes / 1024 * 4 / 5;
    }
}
