using System.CommandLine;
using MlNetVision.Suite.Benchmarks;
using MlNetVision.Infrastructure;
using MlNetVision.Persistence;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>bench</c>: training, inference and zip-inference speed on random batches, one JSON line per case; with
/// <c>--peer</c> the PyTorch peer runs each case right after ours and a ratio line and a closing table follow;
/// with <c>--profile</c> the parts of a training step are timed instead.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The interpreter the peer runs with by default: Debian's, which has torch.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string?>("--model") { Description = "Only this registered model (default: every default case)." };
        var size = new Option<int?>("--image-size") { Description = "Input side in pixels (default: the case's)." };
        var batch = new Option<int>("--batch") { Description = "Images per step.", DefaultValueFactory = _ => BenchmarkSuite.DefaultBatch };
        var steps = new Option<int?>("--steps") { Description = "Timed steps per case (default: 5 up to 64 px, 3 above)." };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => BenchmarkSuite.DefaultWarmup };
        var threads = new Option<int>("--threads") { Description = "libtorch and ONNX Runtime intra-op threads (0 = one per physical core); the peer gets the same.", DefaultValueFactory = _ => 0 };
        var channelsLast = new Option<bool>("--channels-last") { Description = "Channels-last (NHWC) weights and inputs, ours and the peer's, for every case (default: only where it helps, ResNet-18 at 224 px)." };
        var nchw = new Option<bool>("--nchw") { Description = "Contiguous NCHW weights and inputs for every case, also where channels-last is the default." };
        var bf16 = new Option<bool>("--bf16") { Description = "bfloat16: ours converts weights and inputs (BatchNorm stays float32), the peer uses CPU autocast." };
        var peer = new Option<bool>("--peer") { Description = "After each case, run the PyTorch peer on it and print its line and the ratios." };
        var peerScript = new Option<string?>("--peer-script") { Description = "The peer script (default: ../shared/peers/pytorch_reference.py from the folder holding MlNetVision.sln)." };
        var peerPython = new Option<string>("--peer-python") { Description = "The interpreter with torch for the peer.", DefaultValueFactory = _ => DefaultPython };
        var peerLibraryPath = new Option<string?>("--peer-library-path") { Description = "Folder put in front of the peer's LD_LIBRARY_PATH, e.g. an unpacked OpenBLAS (see ../shared/peers/README.md)." };
        var profile = new Option<bool>("--profile") { Description = "Time data, forward, loss, backward, optimizer and the rest of a training step (default cases: resnet18 and simple_vit at 32 px)." };
        var zip = new Option<string?>("--zip") { Description = "Instead of the cases: batch images/s of this saved model zip on image files, its whole pipeline (loading, resizing, network, head) as an app scores a folder." };
        var images = new Option<string[]>("--images")
        {
            Description = "With --zip: image files or folders scored in turn (default: the 4 PNGs serve-bench generates at the zip's input size).",
            AllowMultipleArgumentsPerToken = true,
        };
        var rows = new Option<int>("--rows") { Description = "With --zip: images per pass.", DefaultValueFactory = _ => SavedZipBenchmark.DefaultRows };
        var command = new Command("bench", "Measure training and inference images/s on random batches (TorchSharp, and through a saved model zip), or with --zip a saved zip's batch images/s on image files; one JSON line per case.")
        {
            model, size, batch, steps, warmup, threads, channelsLast, nchw, bf16, peer, peerScript, peerPython, peerLibraryPath, profile, zip, images, rows,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(zip) is { } zipPath)
            {
                if (parse.GetValue(model) is not null || parse.GetValue(peer) || parse.GetValue(profile))
                    throw new MlNetVisionException("--zip times a saved zip: it cannot be combined with --model, --peer or --profile.");
                return BenchZip(zipPath, parse.GetValue(images) ?? [], parse.GetValue(rows), parse.GetValue(threads), output, error);
            }
            if (parse.GetValue(images) is { Length: > 0 }) throw new MlNetVisionException("--images needs --zip.");
            bool profiling = parse.GetValue(profile), withPeer = parse.GetValue(peer);
            if (profiling && withPeer) throw new MlNetVisionException("--profile and --peer cannot be combined: the peer has no profile mode.");
            if (parse.GetValue(channelsLast) && parse.GetValue(nchw)) throw new MlNetVisionException("--channels-last and --nchw cannot be combined.");
            if (parse.GetValue(batch) < 1 || parse.GetValue(steps) is < 1 || parse.GetValue(warmup) < 0 || parse.GetValue(threads) < 0)
                throw new MlNetVisionException("--batch and --steps must be at least 1, --warmup and --threads at least 0.");
            var cases = BenchmarkSuite.Cases(parse.GetValue(model), parse.GetValue(size), profiling)
                .Select(c => new BenchmarkCase(c.Model, c.ImageSize, parse.GetValue(batch), parse.GetValue(steps) ?? BenchmarkSuite.DefaultSteps(c.ImageSize),
                    parse.GetValue(warmup), parse.GetValue(threads),
                    parse.GetValue(channelsLast) || (!parse.GetValue(nchw) && BenchmarkSuite.ChannelsLastByDefault(c.Model, c.ImageSize)), parse.GetValue(bf16)))
                .ToList();
            if (profiling)
            {
                foreach (var c in cases) output.WriteLine(BenchmarkJson.Line(StepProfiler.Run(c)));
                return 0;
            }
            var runner = withPeer
                ? new PeerRunner(parse.GetValue(peerPython)!, PeerScript.Resolve(parse.GetValue(peerScript), Environment.CurrentDirectory), parse.GetValue(peerLibraryPath))
                : null;
            var table = new RatioTable();
            foreach (var c in cases)
            {
                var ours = TrainStepBenchmark.Run(c);
                output.WriteLine(BenchmarkJson.Line(ours));
                if (runner is not null) ComparePeer(runner, c, ours, table, output, error);
            }
            if (runner is not null)
            {
                output.WriteLine();
                output.Write(table.Render());
            }
            return 0;
        });
        return command;
    }

    private static int BenchZip(string zip, string[] images, int rows, int threads, TextWriter output, TextWriter error)
    {
        if (!File.Exists(zip)) throw new MlNetVisionException($"Model zip not found: {zip}");
        if (rows < 1 || threads < 0) throw new MlNetVisionException("--rows must be at least 1 and --threads at least 0.");
        int size = ModelZip.ReadMetadata(zip)?.PipelineImageSize ?? 0;
        if (images.Length == 0 && size < 1) throw new MlNetVisionException($"{zip} records no input size: pass --images.");
        using var generated = images.Length == 0 ? GeneratedImages.Write(size) : null;
        var paths = generated?.Paths ?? PredictInputs.Expand(images, error);
        error.WriteLine($"bench --zip: {rows} rows per pass from {paths.Count} images, {ZipInferenceBenchmark.TimedPasses} timed passes per threading");
        output.WriteLine(BenchmarkJson.Line(SavedZipBenchmark.Run(zip, paths, rows, threads)));
        return 0;
    }

    private static void ComparePeer(PeerRunner runner, BenchmarkCase c, BenchmarkResult ours, RatioTable table, TextWriter output, TextWriter error)
    {
        if (BenchmarkSuite.PeerModel(c.Model) is not { } peerModel)
        {
            error.WriteLine($"peer: no PyTorch counterpart for {c.Model}; skipped");
            table.AddFailure(c.Model, c.ImageSize, "no counterpart");
            return;
        }
        var outcome = runner.Run(peerModel, c, ours.Threads);
        foreach (var line in outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('#')))
            error.WriteLine($"peer: {line.Trim()}");
        if (outcome is { Result: { } result, Line: { } json })
        {
            output.WriteLine(json);
            var ratio = BenchmarkRatio.Compute(ours, result);
            output.WriteLine(BenchmarkJson.Line(ratio));
            table.Add(ratio);
            if (result.Blas is { } blas && !blas.Contains("openblas", StringComparison.OrdinalIgnoreCase))
                error.WriteLine($"peer: its BLAS is {blas}, not OpenBLAS: its matrix products (Linear, attention) run on the slow reference BLAS; see ../shared/peers/README.md and --peer-library-path");
        }
        else
        {
            error.WriteLine($"peer failed for {c.Model} at {c.ImageSize} px: {outcome.Failure}");
            table.AddFailure(c.Model, c.ImageSize, "failed");
        }
    }
}
