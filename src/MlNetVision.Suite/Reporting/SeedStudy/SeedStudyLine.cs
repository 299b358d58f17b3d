namespace MlNetVision.Suite.Reporting.SeedStudy;

/// <summary>One row of the seed table with what the compared runs give for it.</summary>
/// <param name="Row">The seed study's row.</param>
/// <param name="SeedSettings">Our runs at the seed's settings, or null when the row has no such experiment.</param>
/// <param name="BestCpu">Our runs of the best CPU recipe on all the data, or null when the row has none.</param>
public sealed record SeedStudyLine(SeedStudyRow Row, SeedStudyCell? SeedSettings, SeedStudyCell? BestCpu);
