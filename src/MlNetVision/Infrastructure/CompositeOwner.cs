namespace MlNetVision.Infrastructure;

/// <summary>Disposes what was added to it, last first; nulls are ignored.</summary>
internal sealed class CompositeOwner : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    /// <summary>Takes ownership of <paramref name="disposable"/>.</summary>
    public void Add(IDisposable? disposable)
    {
        if (disposable is not null) _owned.Add(disposable);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }
}
