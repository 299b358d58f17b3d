using MlNetVision.Infrastructure;

namespace MlNetVision.Tests.TestSupport;

/// <summary>The errors a reader of JSON files raises, checked for the shape every such error has.</summary>
public static class FileErrors
{
    /// <summary>
    /// Writes <paramref name="json"/> to a file <paramref name="name"/>, reads it with <paramref name="read"/>, asserts that
    /// this throws an <see cref="MlNetVisionException"/> whose message is one line starting with the file's path, and
    /// returns the message after the path.
    /// </summary>
    public static string Of(string json, string name, Action<string> read)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, json);
        var e = Assert.Throws<MlNetVisionException>(() => read(path));
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain("\n", e.Message);
        return e.Message[path.Length..];
    }
}
