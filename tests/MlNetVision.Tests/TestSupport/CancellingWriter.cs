using System.Text;

namespace MlNetVision.Tests.TestSupport;

/// <summary>A log that records what is written and cancels <see cref="Token"/> once the text contains <paramref name="trigger"/>.</summary>
public sealed class CancellingWriter(string trigger) : StringWriter
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        Check();
    }

    private void Check()
    {
        StringBuilder text = GetStringBuilder();
        if (!_source.IsCancellationRequested && text.ToString().Contains(trigger, StringComparison.Ordinal)) _source.Cancel();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
        base.Dispose(disposing);
    }
}
