namespace MlNetVision.Suite.Benchmarks;

/// <summary>The serving app's refusal limits, as its <c>GET /model</c> reports them under <c>limits</c>.</summary>
/// <param name="MaxUploadBytes">Largest request body it accepts; a larger one must get 413.</param>
/// <param name="MaxPixels">Largest width × height an image header may declare; a larger one must get 400.</param>
public sealed record ServingLimits(long MaxUploadBytes, long MaxPixels);
