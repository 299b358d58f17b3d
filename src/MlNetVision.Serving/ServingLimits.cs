namespace MlNetVision.Serving;

/// <summary>The refusal limits a client needs to know, answered by <c>GET /model</c> as <c>limits</c>.</summary>
/// <param name="MaxUploadBytes">Largest request body accepted; a larger one gets 413.</param>
/// <param name="MaxPixels">Largest width × height an image header may declare; a larger one gets 400 before decoding.</param>
/// <param name="MaxImages">Most images one request may carry; more get 400.</param>
public sealed record ServingLimits(long MaxUploadBytes, long MaxPixels, int MaxImages);
