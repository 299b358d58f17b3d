namespace MlNetVision.Serving;

/// <summary>A reason the app cannot start (no model, a corrupt zip, a bad setting); its message is one line for stderr.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
