namespace MlNetVision.Tests.TestSupport;

/// <summary>The tests that share one <see cref="SlurmCluster"/>: started before the first, stopped after the last.</summary>
[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "Slurm cluster";
}
