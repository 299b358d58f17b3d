namespace MlNetVision.Suite.Reporting;

/// <summary>One ablation table: a base experiment and its rows, each already formatted (see <see cref="AblationTable.Headers"/>).</summary>
/// <param name="Experiment">The base experiment <c>B</c> whose <c>B-no-…</c> variants are compared with it.</param>
/// <param name="Rows">The rows' cells, in <see cref="AblationTable.Headers"/> order.</param>
public sealed record AblationStudy(string Experiment, IReadOnlyList<IReadOnlyList<string>> Rows);
