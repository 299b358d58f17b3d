using System.Reflection;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MlNetVision.Infrastructure;

namespace MlNetVision.Training;

/// <summary>
/// The caller's ML.NET environment, as a trainer inside ML.NET sees it: messages to <c>MLContext.Log</c> (source
/// <see cref="ChannelName"/>, kind Info), temporary files under <c>MLContext.TempFilePath</c>, the context's seed, and
/// <c>CancelExecution()</c>.
/// </summary>
/// <remarks>
/// ML.NET gives a catalog's environment, its seed and its cancellation flag only to its own assemblies. A trainer from
/// the catalog (<c>mlContext.MulticlassClassification.Trainers.TorchImageClassifier(…)</c>) reaches them by reflection on
/// the members ML.NET 6 has (<c>IInternalCatalog.Environment</c>, <c>MLContext._env</c>, its <c>Seed</c>,
/// <c>TempFilePath</c> and <c>IsCanceled</c>); a missing member is one clear error at construction, and a test pins
/// each. Nothing of this reaches the saved model.
/// </remarks>
internal sealed class CallerEnvironment
{
    /// <summary>The source name of the trainer's messages in <c>MLContext.Log</c>.</summary>
    public const string ChannelName = "TorchImageClassifier";

    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private readonly IHostEnvironment _environment;
    private readonly object _local;

    private CallerEnvironment(IHostEnvironment environment, MLContext? context)
    {
        _environment = environment;
        Context = context;
        _local = context is null ? environment : Read<object>(context, typeof(MLContext), "_env", field: true);
    }

    /// <summary>The caller's context, when the caller gave one (not through a catalog).</summary>
    public MLContext? Context { get; }

    /// <summary>The environment of the context that made <paramref name="catalog"/>.</summary>
    /// <exception cref="MlNetVisionException">This ML.NET has no such member.</exception>
    public static CallerEnvironment FromCatalog(MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog)
    {
        var internalCatalog = catalog.GetType().GetInterfaces().FirstOrDefault(i => i.Name == "IInternalCatalog");
        var environment = internalCatalog?.GetProperty("Environment")?.GetValue(catalog) as IHostEnvironment
            ?? throw Missing("IInternalCatalog.Environment");
        return new CallerEnvironment(environment, null);
    }

    /// <summary>The environment of <paramref name="context"/>.</summary>
    public static CallerEnvironment FromContext(MLContext context) => new(context, context);

    /// <summary>Where ML.NET writes temporary files for this context (<c>MLContext.TempFilePath</c>).</summary>
    public string TempFilePath => Context?.TempFilePath ?? Read<string>(_local, _local.GetType(), "TempFilePath");

    /// <summary>The context's seed, or null for an unseeded context.</summary>
    public int? Seed => Read<int?>(_local, _local.GetType(), "Seed");

    /// <summary>Whether <c>CancelExecution()</c> was called on the context.</summary>
    public bool IsCanceled => Read<bool>(_local, _local.GetType(), "IsCanceled");

    /// <summary>A new MLContext for the trainer's own ML.NET work: seeded, temporary files where the caller's go.</summary>
    public MLContext NewContext(int seed) => new(seed) { TempFilePath = TempFilePath };

    /// <summary>Checks every member this class reads, so a changed ML.NET fails at construction, not mid-training.</summary>
    /// <exception cref="MlNetVisionException">A member is missing.</exception>
    public CallerEnvironment Verified()
    {
        _ = TempFilePath;
        _ = Seed;
        _ = IsCanceled;
        return this;
    }

    /// <summary>
    /// A token that is cancelled when <paramref name="other"/> is, or when <c>CancelExecution()</c> is called on the
    /// context: checked every 50 ms, and at once by <see cref="CancellationWatch.Poll"/> (the training loop calls it after
    /// every step). Dispose it to stop watching.
    /// </summary>
    public CancellationWatch WatchCancellation(CancellationToken other) => new(this, other);

    /// <summary>See <see cref="WatchCancellation"/>.</summary>
    public sealed class CancellationWatch : IDisposable
    {
        private readonly CallerEnvironment _caller;
        private readonly CancellationTokenSource _source;
        private readonly Timer _timer;

        internal CancellationWatch(CallerEnvironment caller, CancellationToken other)
        {
            _caller = caller;
            _source = CancellationTokenSource.CreateLinkedTokenSource(other);
            _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        }

        /// <summary>Cancelled on either signal.</summary>
        public CancellationToken Token => _source.Token;

        /// <summary>Cancels <see cref="Token"/> now if the context was cancelled.</summary>
        public void Poll()
        {
            try
            {
                if (_caller.IsCanceled) _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Fit ended between a timer tick and the cancel.
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            _timer.Dispose();
            _source.Dispose();
        }
    }

    /// <summary>A writer whose lines go to <c>MLContext.Log</c> as Info messages from <see cref="ChannelName"/>.</summary>
    public TextWriter LogWriter() => new ChannelWriter(_environment.Start(ChannelName));

    private static T Read<T>(object target, Type type, string name, bool field = false)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (field && t.GetField(name, Members) is { } f) return (T)f.GetValue(target)!;
            if (!field && t.GetProperty(name, Members) is { } p) return (T)p.GetValue(target)!;
        }
        throw Missing($"{type.Name}.{name}");
    }

    private static MlNetVisionException Missing(string member) =>
        new($"This ML.NET ({typeof(MLContext).Assembly.GetName().Version}) has no {member}, which the trainer uses to log through " +
            "the caller's MLContext, honour its TempFilePath and seed, and stop on CancelExecution(); MlNetVision is built for ML.NET 6.0.");

    /// <summary>Buffers text until a newline, then sends the line as one Info message.</summary>
    private sealed class ChannelWriter(IChannel channel) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_line)
            {
                if (value == '\n') Flush();
                else if (value != '\r') _line.Append(value);
            }
        }

        public override void Flush()
        {
            lock (_line)
            {
                if (_line.Length == 0) return;
                channel.Info(MessageSensitivity.None, _line.ToString());
                _line.Clear();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Flush();
                channel.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
