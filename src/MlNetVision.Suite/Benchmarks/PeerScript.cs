using MlNetVision.Infrastructure;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>
/// Finds the PyTorch peer script: an explicit path, or <c>../shared/peers/pytorch_reference.py</c> relative to
/// the folder that holds <c>MlNetVision.sln</c>, searched from a start folder upwards.
/// </summary>
public static class PeerScript
{
    /// <summary>The solution file that marks the repository's root.</summary>
    public const string SolutionFile = "MlNetVision.sln";

    /// <summary>The script's path relative to the repository's root.</summary>
    public static readonly string RelativePath = Path.Combine("..", "shared", "peers", "pytorch_reference.py");

    /// <summary>
    /// The script's full path: <paramref name="explicitPath"/> when given, else found from <paramref name="startDirectory"/>.
    /// </summary>
    /// <exception cref="MlNetVisionException">The script does not exist; the message says where it was looked for.</exception>
    public static string Resolve(string? explicitPath, string startDirectory)
    {
        if (explicitPath is null) return Find(startDirectory);
        var full = Path.GetFullPath(explicitPath, startDirectory);
        return File.Exists(full) ? full : throw new MlNetVisionException($"The PyTorch peer script {full} (--peer-script) does not exist.");
    }

    /// <summary>Walks up from <paramref name="startDirectory"/> to the folder holding the solution and returns the script beside it.</summary>
    /// <exception cref="MlNetVisionException">No solution above the start folder, or no script beside it.</exception>
    public static string Find(string startDirectory)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(startDirectory)); folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, SolutionFile))) continue;
            var script = Path.GetFullPath(Path.Combine(folder.FullName, RelativePath));
            return File.Exists(script) ? script
                : throw new MlNetVisionException($"The PyTorch peer script is not at {script} ({RelativePath} from {folder.FullName}, " +
                                                 $"the folder holding {SolutionFile}). Put it there or pass --peer-script PATH.");
        }
        throw new MlNetVisionException($"No {SolutionFile} in {Path.GetFullPath(startDirectory)} or any folder above it, so the PyTorch peer script " +
                                       $"({RelativePath} from the folder holding {SolutionFile}) cannot be found. Run from inside the repository or pass --peer-script PATH.");
    }
}
