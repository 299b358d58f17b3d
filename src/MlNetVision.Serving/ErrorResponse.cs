namespace MlNetVision.Serving;

/// <summary>The body of every refused request.</summary>
/// <param name="Error">One line saying what was wrong (naming the file when one was).</param>
public sealed record ErrorResponse(string Error);
