namespace MlNetVision.Tests.TestSupport;

/// <summary>Sets an environment variable for a test and restores its old value on dispose (tests run one at a time).</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly string _name;
    private readonly string? _old;

    public EnvironmentScope(string name, string? value)
    {
        _name = name;
        _old = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _old);
}
