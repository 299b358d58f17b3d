using System.CommandLine;
using System.Net.Http.Json;
using MlNetVision.Infrastructure;
using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Experiments.Commands;

/// <summary>
/// <c>serve-bench</c>: N concurrent clients post images to the serving app's <c>POST /predict</c> for a warm-up and then
/// a counted time, with <c>--malformed</c> requests of every refused kind interleaved; prints throughput, latency
/// percentiles, errors, the malformed requests' answers, the app's resident memory and whether it stayed up as a table
/// and one JSON line. Exit code 0 without errors or mismatches, with the app up; 1 otherwise.
/// </summary>
internal static class ServeBenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string?>("--model") { Description = "The model zip the app serves (needed unless --url is given)." };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 8 };
        var seconds = new Option<double>("--seconds") { Description = "Counted seconds, after warm-up.", DefaultValueFactory = _ => 60 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of load first, not counted.", DefaultValueFactory = _ => 10 };
        var images = new Option<string[]>("--images")
        {
            Description = "Image files or folders (PNG, JPEG or BMP; folders searched with their subfolders), posted in turn " +
                          "(default: 4 generated PNGs at the model's input size, deleted at the end).",
            AllowMultipleArgumentsPerToken = true,
        };
        var app = new Option<string?>("--app") { Description = $"The serving app to start (default: the {ServingAppLocator.FileName} built with the CLI)." };
        var url = new Option<string?>("--url") { Description = "Load an app already running at this address instead of starting one (its memory is not sampled)." };
        var malformed = new Option<int>("--malformed")
        {
            Description = "Malformed requests to interleave with the good ones over the run (every other request until sent, " +
                          "the kinds the app refuses in turn), each checked against the status it must get; not counted in the figures.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("serve-bench", "Load-test the serving app: concurrent POST /predict requests (malformed ones interleaved); " +
                                                 "requests/s, latency percentiles, errors, refusals, the app's resident memory.")
        {
            model, clients, seconds, warmup, images, app, url, malformed,
        };
        command.SetAction(parse => Run(new ServeBenchSettings(parse.GetValue(model), parse.GetValue(clients), parse.GetValue(seconds), parse.GetValue(warmup),
            parse.GetValue(images) ?? [], parse.GetValue(app), parse.GetValue(url), parse.GetValue(malformed)), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> Run(ServeBenchSettings settings, TextWriter output, TextWriter error)
    {
        if (settings.Clients < 1 || settings.Seconds <= 0 || settings.Warmup < 0 || settings.Malformed < 0)
            throw new MlNetVisionException("--clients must be at least 1, --seconds above 0, --warmup and --malformed at least 0.");
        if (settings.Url is null && settings.Model is null) throw new MlNetVisionException("--model ZIP is needed (or --url of a running app).");
        if (settings.Model is not null && settings.Url is null && !File.Exists(settings.Model)) throw new MlNetVisionException($"Model zip not found: {settings.Model}");
        using var served = settings.Url is null ? await StartApp(ServingAppLocator.Resolve(settings.App), settings.Model!, error) : null;
        var baseUrl = served?.Url ?? BaseUrl(settings.Url!);
        var summary = settings.Images.Length == 0 || settings.Malformed > 0 ? await ReadModel(baseUrl) : null;
        using var generated = settings.Images.Length == 0 ? GeneratedImages.Write(summary!.InputSize) : null;
        var files = generated?.Paths ?? PredictInputs.Expand(settings.Images, error);
        var loads = files.Select(LoadImage.Read).ToList();
        IReadOnlyList<MalformedRequest> kinds = [];
        if (settings.Malformed > 0)
        {
            var limits = summary!.Limits ?? throw new MlNetVisionException($"{baseUrl}model reports no limits (maxUploadBytes, maxPixels), which --malformed needs.");
            kinds = MalformedRequest.Kinds(limits, loads[0]);
        }
        error.WriteLine($"serve-bench: {settings.Clients} clients, {settings.Warmup:0.#} s warm-up + {settings.Seconds:0.#} s against {baseUrl}, {loads.Count} images" +
                        (settings.Malformed > 0 ? $", {settings.Malformed} malformed requests of {kinds.Count} kinds interleaved" : ""));
        var (result, outcome) = await ServeBench.RunAsync(baseUrl, served, new InterleavedRequests(loads, kinds, settings.Malformed), settings.Clients,
            TimeSpan.FromSeconds(settings.Warmup), TimeSpan.FromSeconds(settings.Seconds));
        output.Write(ServeBenchTable.Render(result, outcome.Samples.Statuses(), outcome.Malformed.ByKind()));
        foreach (var example in outcome.Samples.ErrorExamples()) error.WriteLine($"error example: {example}");
        foreach (var mismatch in outcome.Malformed.MismatchExamples()) error.WriteLine($"malformed mismatch: {mismatch}");
        if (served is { ExitCode: { } exit }) error.WriteLine($"serve-bench: the app exited with {exit} during the run: {served.Errors().Trim()}");
        if (!result.AppHealthy) error.WriteLine($"serve-bench: {baseUrl}healthz did not answer 200 after the run");
        output.WriteLine(ServeBench.JsonLine(result));
        return result.Passed() ? 0 : 1;
    }

    private static async Task<ServingAppProcess> StartApp(string appDll, string zip, TextWriter error)
    {
        error.WriteLine($"serve-bench: starting {appDll} on {zip}");
        try
        {
            return await ServingAppProcess.StartAsync(appDll, Path.GetFullPath(zip));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new MlNetVisionException(e.Message, e);
        }
    }

    private static Uri BaseUrl(string url)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new MlNetVisionException($"--url {url}: not an http(s) address.");
        return uri;
    }

    private static async Task<ModelSummary> ReadModel(Uri baseUrl)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var info = await http.GetFromJsonAsync<ModelSummary>("model");
            return info is { InputSize: > 0 } ? info : throw new MlNetVisionException($"{baseUrl}model gave no inputSize.");
        }
        catch (HttpRequestException e)
        {
            throw new MlNetVisionException($"cannot read {baseUrl}model: {e.Message}", e);
        }
    }
}
