namespace MlNetVision.Suite.Reporting.Html;

/// <summary>Turns a base64 PNG from a run's files into a <c>data:</c> URI, refusing anything that is not a PNG.</summary>
public static class PngDataUri
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary><c>data:image/png;base64,…</c>, or null when <paramref name="base64"/> is not base64 of a PNG.</summary>
    public static string? From(string? base64)
    {
        if (string.IsNullOrEmpty(base64)) return null;
        var head = new byte[Math.Min(base64.Length, 16) * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64.Length >= 16 ? base64[..16] : base64, head, out int n) || n < Signature.Length
            || !head.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            return null;
        return base64.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=') ? "data:image/png;base64," + base64 : null;
    }
}
