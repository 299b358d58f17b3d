using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using MlNetVision.Persistence;
using MlNetVision.Suite.Benchmarks;
using MlNetVision.Tests.TestSupport;
using static MlNetVision.Tests.Serving.ServingHttp;

namespace MlNetVision.Tests.Serving;

/// <summary>The serving app (src/MlNetVision.Serving) hosted on a zip trained here: its endpoints and its refusals.</summary>
[Trait("Category", "Slow")]
public class ServingAppTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    [Fact]
    public async Task Healthz_AnswersOk()
    {
        using var client = fixture.Factory.CreateClient();
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await Json(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Model_ListsClassesSizeAndTheReportsMetrics()
    {
        using var client = fixture.Factory.CreateClient();
        var model = await Json(await client.GetAsync("/model"));

        Assert.Equal(ServingFixture.Classes, model.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(16, model.GetProperty("inputSize").GetInt32());
        Assert.Equal(2, model.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("serving-test", model.GetProperty("experiment").GetString());
        Assert.Equal("simple_cnn", model.GetProperty("model").GetString());
        Assert.Equal(0.75, model.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(0.5, model.GetProperty("metrics").GetProperty("macroF1").GetDouble());
        Assert.Equal(10L * 1024 * 1024, model.GetProperty("limits").GetProperty("maxUploadBytes").GetInt64());
        Assert.Equal(40_000_000, model.GetProperty("limits").GetProperty("maxPixels").GetInt64());
        Assert.Equal(100, model.GetProperty("limits").GetProperty("maxImages").GetInt32());
    }

    [Fact]
    public async Task Model_ReportsTheConfiguredLimits()
    {
        using var factory = fixture.Host(("MaxUploadBytes", "1000"), ("MaxPixels", "5000"), ("MaxImages", "3"));
        using var client = factory.CreateClient();
        var limits = (await Json(await client.GetAsync("/model"))).GetProperty("limits");

        Assert.Equal(1000, limits.GetProperty("maxUploadBytes").GetInt64());
        Assert.Equal(5000, limits.GetProperty("maxPixels").GetInt64());
        Assert.Equal(3, limits.GetProperty("maxImages").GetInt32());
    }

    [Fact]
    public async Task Predict_EveryServeBenchMalformedKind_GetsItsStatus_AtTheConfiguredLimits()
    {
        using var factory = fixture.Host(("MaxUploadBytes", "20000"), ("MaxPixels", "5000"));
        using var client = factory.CreateClient();
        var limits = (await Json(await client.GetAsync("/model"))).GetProperty("limits").Deserialize<ServingLimits>(ServeBench.JsonOptions)!;
        var good = LoadImage.Read(fixture.TestImages[0]);

        foreach (var kind in MalformedRequest.Kinds(limits, good))
        {
            var response = await client.SendAsync(kind.ToRequest());
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == kind.ExpectedStatus, $"{kind.Name}: {(int)response.StatusCode} {body}");
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()), kind.Name);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/predict", good.ToUpload())).StatusCode);
    }

    [Fact]
    public async Task Predict_GoodPng_SameLabelAsTheLibraryAndProbabilitiesSumToOne()
    {
        using var client = fixture.Factory.CreateClient();
        var image = fixture.TestImages[0];
        var response = await client.PostAsync("/predict?top=10", Upload(("image", Path.GetFileName(image), File.ReadAllBytes(image))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("simple_cnn", body.GetProperty("model").GetString());
        var prediction = Assert.Single(body.GetProperty("predictions").EnumerateArray());
        var top = prediction.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(3, top.Count);   // capped at the class count
        Assert.Equal(1.0, top.Sum(t => t.GetProperty("probability").GetDouble()), 4);
        Assert.Equal(prediction.GetProperty("label").GetString(), top[0].GetProperty("label").GetString());
        Assert.Equal(Path.GetFileName(image), prediction.GetProperty("file").GetString());
        Assert.Equal(Assert.Single(InProcessLabels([image])), prediction.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Predict_SeveralFiles_OnePredictionEachInOrder()
    {
        using var client = fixture.Factory.CreateClient();
        var images = fixture.TestImages.Take(4).ToArray();
        var response = await client.PostAsync("/predict?top=2",
            Upload(images.Select((p, i) => (i == 0 ? "image" : $"other{i}", Path.GetFileName(p), File.ReadAllBytes(p))).ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = (await Json(response)).GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(images.Select(Path.GetFileName), predictions.Select(p => p.GetProperty("file").GetString()));
        Assert.All(predictions, p => Assert.Equal(2, p.GetProperty("top").GetArrayLength()));
        Assert.Equal(InProcessLabels(images), predictions.Select(p => p.GetProperty("label").GetString()!));
    }

    [Fact]
    public async Task Predict_BadRequests_AnsweredClearlyAndTheServiceStaysUp()
    {
        using var client = fixture.Factory.CreateClient();
        var good = File.ReadAllBytes(fixture.TestImages[0]);
        using var folder = new TempFolder();
        RawPng.WriteHeaderOnly(folder.Combine("huge.png"), 100_000, 100_000);

        await AssertRefused(client, Upload(("image", "notes.png", Encoding.UTF8.GetBytes("just some text, not an image"))),
            HttpStatusCode.BadRequest, "notes.png: not a PNG, JPEG or BMP image");
        await AssertRefused(client, new StringContent("image", Encoding.UTF8, "text/plain"),
            HttpStatusCode.UnsupportedMediaType, "send multipart/form-data with image files or application/json with a list of base64 images, not 'text/plain");
        await AssertRefused(client, Upload(("image", "huge.png", File.ReadAllBytes(folder.Combine("huge.png")))),
            HttpStatusCode.BadRequest, "huge.png: the header declares 100000x100000 pixels");
        await AssertRefused(client, Upload(("image", "cut.png", good[..40])), HttpStatusCode.BadRequest, "cut.png: cannot be decoded");
        await AssertRefused(client, Upload(("image", "empty.png", [])), HttpStatusCode.BadRequest, "empty.png: empty file");
        await AssertRefused(client, new MultipartFormDataContent { { new StringContent("x"), "field" } }, HttpStatusCode.BadRequest, "no file");
        await AssertRefused(client, new ByteArrayContent([]), HttpStatusCode.BadRequest, "empty request");
        await AssertRefused(client, Upload(("image", "a.png", good)), HttpStatusCode.BadRequest, "top must be", "?top=0");

        var response = await client.PostAsync("/predict", Upload(("image", "good.png", good)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Contains((await Json(response)).GetProperty("predictions")[0].GetProperty("label").GetString(), ServingFixture.Classes);
    }

    [Fact]
    public async Task Predict_BodyOverMaxUploadBytes_Is413()
    {
        using var factory = fixture.Host(("MaxUploadBytes", "1000"));
        using var client = factory.CreateClient();
        var big = File.ReadAllBytes(fixture.TestImages[0]).Concat(new byte[4000]).ToArray();

        await AssertRefused(client, Upload(("image", "big.png", big)), HttpStatusCode.RequestEntityTooLarge, "MaxUploadBytes");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Index_IsOneSelfContainedPage()
    {
        using var client = fixture.Factory.CreateClient();
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("id=\"predicted-label\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Startup_CorruptZip_ExitsNonZeroWithOneLineNamingTheFile()
    {
        using var folder = new TempFolder();
        var bad = folder.Combine("bad.zip");
        File.WriteAllText(bad, "not a zip at all");

        var (exit, _, error) = ServingProcess.Run("--model", bad);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(bad, line);
    }

    [Fact]
    public void Startup_ZipWithoutMetadata_ExitsNonZeroWithOneLine()
    {
        using var folder = new TempFolder();
        var bare = folder.Combine("bare.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(bare, System.IO.Compression.ZipArchiveMode.Create))
            archive.CreateEntry("something.txt");

        var (exit, _, error) = ServingProcess.Run("--model", bare);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("MlNetVision/metadata.json", line);
    }

    private string[] InProcessLabels(IReadOnlyList<string> images)
    {
        var ml = new MLContext();
        var (model, _) = ModelZip.Load(ml, fixture.Zip);
        using var lifetime = (IDisposable)model;
        return new ImagePredictor(ml, model).Predict(images).Select(p => p.Label).ToArray();
    }
}
