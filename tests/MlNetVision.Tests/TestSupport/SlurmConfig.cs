namespace MlNetVision.Tests.TestSupport;

/// <summary>The <c>slurm.conf</c> of the single-node test cluster, everything it writes kept under one folder.</summary>
public static class SlurmConfig
{
    /// <summary>The configuration for node <paramref name="node"/> with <paramref name="cpus"/> CPUs and <paramref name="memoryMb"/> MB.</summary>
    public static string For(string node, string folder, int cpus, long memoryMb, string partition) => string.Join('\n',
    [
        "ClusterName=ci",
        $"SlurmctldHost={node}(127.0.0.1)",
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
        $"NodeName={node} NodeAddr=127.0.0.1 CPUs={cpus} RealMemory={memoryMb} State=UNKNOWN",
        $"PartitionName={partition} Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        "",
    ]);

    /// <summary>Four fifths of the machine's memory (MemTotal in /proc/meminfo), so slurmd never finds less than configured.</summary>
    public static long MemoryMegabytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return kilobytes / 1024 * 4 / 5;
    }
}
