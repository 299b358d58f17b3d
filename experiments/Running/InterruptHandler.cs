using System.Runtime.InteropServices;

namespace MlNetVision.Experiments.Running;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation: training finishes its current step,
/// writes a checkpoint, and the run evaluates and saves the best model so far. A second signal exits at
/// once with code 130.
/// </summary>
public sealed class InterruptHandler : IDisposable
{

    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _log;
    private readonly string _stopping;
    private int _signals;

    /// <summary>
    /// Starts listening; the first signal writes <paramref name="stopping"/>, what happens next, to <paramref name="log"/> (default: a
    /// training run's checkpoint and save). With <paramref name="ignoreInterrupt"/>, SIGINT is ignored and only SIGTERM counts: for a
    /// child process whose parent forwards the terminal's Ctrl+C as SIGTERM (it would otherwise see both, the second meaning "quit at once").
    /// </summary>
    public InterruptHandler(TextWriter log, string stopping = "stopping after the current step, then saving a checkpoint and the best model so far", bool ignoreInterrupt = false)
    {
        _log = log;
        _stopping = stopping;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, ignoreInterrupt ? context => context.Cancel = true : OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _log.WriteLine();
            _log.WriteLine($"{context.Signal}: {_stopping} (send it again to quit at once).");
            _source.Cancel();
        }
        else
        {
            _log.WriteLine($"{context.Signal} again: quitting now.");
            Environment.Exit(ExitCodes.Interrupted);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
