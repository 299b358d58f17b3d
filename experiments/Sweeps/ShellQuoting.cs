namespace MlNetVision.Experiments.Sweeps;

/// <summary>POSIX shell quoting of one word: single quotes, with a quote inside written as <c>'\''</c>.</summary>
public static class ShellQuoting
{
    /// <summary><paramref name="word"/> as one shell word, quoted unless it is made of safe characters only.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>The words quoted and joined by spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
