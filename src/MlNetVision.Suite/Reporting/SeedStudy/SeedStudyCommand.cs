namespace MlNetVision.Suite.Reporting.SeedStudy;

/// <summary>One command that fills a column of a seed study row (<see cref="SeedStudyTable.Commands"/>).</summary>
/// <param name="Label">Which column it fills: the seed's settings or the best CPU recipe.</param>
/// <param name="Command">The command line, after the program name (D = the CIFAR-10 folder).</param>
/// <param name="NotYetRun">True when no compared run counts for that column yet.</param>
public sealed record SeedStudyCommand(string Label, string Command, bool NotYetRun)
{
    /// <summary>" (not yet run)" when <see cref="NotYetRun"/>, else empty.</summary>
    public string Status => NotYetRun ? " (not yet run)" : "";
}
