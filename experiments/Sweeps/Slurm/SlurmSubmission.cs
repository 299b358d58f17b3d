using System.Text.Json;
using MlNetVision.Infrastructure;

namespace MlNetVision.Experiments.Sweeps.Slurm;

/// <summary>
/// The jobs one <c>sweep run --executor slurm</c> submitted, kept as <c>&lt;output&gt;/slurm/jobs.json</c> so that
/// <c>sweep status</c> can ask Slurm about them.
/// </summary>
public sealed record SlurmSubmission(string ArrayJobId, string CompareJobId, int TaskCount, DateTime SubmittedUtc, string ArrayScript, string CompareScript)
{
    /// <summary>The file's name in the sweep's slurm folder.</summary>
    public const string FileName = "jobs.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes it (atomically) into <paramref name="folder"/>.</summary>
    public void Save(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The submission recorded in <paramref name="folder"/>, or null when there is none.</summary>
    public static SlurmSubmission? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<SlurmSubmission>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new MlNetVisionException($"{path} is not a Slurm submission record: {e.Message}"); }
    }
}
