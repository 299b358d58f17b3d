using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using MlNetVision.Tests.TestSupport;
using static MlNetVision.Tests.Serving.ServingHttp;

namespace MlNetVision.Tests.Serving;

/// <summary><c>POST /predict</c> with an application/json list of base64 images: the same predictions as multipart
/// uploads of the same files, and its refusals, each naming the item.</summary>
[Trait("Category", "Slow")]
public class ServingJsonTests(ServingFixture fixture) : IClassFixture<ServingFixture>
{
    [Fact]
    public async Task Predict_JsonListOfTwo_SamePredictionsAsMultipart()
    {
        using var client = fixture.Factory.CreateClient();
        var images = fixture.TestImages.Take(2).ToArray();
        var bytes = images.Select(File.ReadAllBytes).ToArray();
        var json = JsonSerializer.Serialize(new object[]
        {
            new { name = Path.GetFileName(images[0]), data = Convert.ToBase64String(bytes[0]) },
            Convert.ToBase64String(bytes[1]),
        });

        var fromJson = await Predictions(await client.PostAsync("/predict?top=3", new StringContent(json, Encoding.UTF8, "application/json")));
        var fromMultipart = await Predictions(await client.PostAsync("/predict?top=3",
            Upload(images.Select(p => ("image", Path.GetFileName(p), File.ReadAllBytes(p))).ToArray())));

        Assert.Equal([Path.GetFileName(images[0]), "image-1"], fromJson.Select(p => p.GetProperty("file").GetString()));
        Assert.Equal(fromMultipart.Select(p => p.GetProperty("label").GetString()), fromJson.Select(p => p.GetProperty("label").GetString()));
        Assert.Equal(fromMultipart.Select(p => p.GetProperty("top").ToString()), fromJson.Select(p => p.GetProperty("top").ToString()));
    }

    [Fact]
    public async Task Predict_DataUrlsInAnImagesObject_WithOrWithoutCharset()
    {
        using var client = fixture.Factory.CreateClient();
        var image = fixture.TestImages[0];
        var dataUrl = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(image));
        var expected = (await Predictions(await client.PostAsync("/predict", Upload(("image", "a.png", File.ReadAllBytes(image))))))[0];

        var withCharset = new StringContent(JsonSerializer.Serialize(new { images = new object[] { dataUrl, new { name = "b.png", data = dataUrl } } }),
            Encoding.UTF8, "application/json");
        var withoutCharset = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { dataUrl })));
        withoutCharset.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var both = await Predictions(await client.PostAsync("/predict", withCharset));
        var one = await Predictions(await client.PostAsync("/predict", withoutCharset));

        Assert.Equal(["image-0", "b.png"], both.Select(p => p.GetProperty("file").GetString()));
        Assert.All(both.Append(one[0]), p => Assert.Equal(expected.GetProperty("label").GetString(), p.GetProperty("label").GetString()));
        Assert.All(both.Append(one[0]), p => Assert.Equal(expected.GetProperty("top").ToString(), p.GetProperty("top").ToString()));
    }

    [Fact]
    public async Task Predict_BadJson_AnsweredClearlyNamingTheItemAndTheServiceStaysUp()
    {
        using var client = fixture.Factory.CreateClient();
        var good = Convert.ToBase64String(File.ReadAllBytes(fixture.TestImages[0]));
        using var folder = new TempFolder();
        RawPng.WriteHeaderOnly(folder.Combine("huge.png"), 100_000, 100_000);
        var huge = Convert.ToBase64String(File.ReadAllBytes(folder.Combine("huge.png")));
        var cut = Convert.ToBase64String(File.ReadAllBytes(fixture.TestImages[0])[..40]);
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes("just some text, not an image"));

        await Refused($"""["{good}" """, "malformed JSON body");
        await Refused(""" "abc" """, "send a JSON array of images (base64 strings or { \"name\", \"data\" } objects) or { \"images\": [ ... ] }, not a JSON string");
        await Refused("""{"image":"x"}""", "not an object without an \"images\" array");
        await Refused("[]", "empty JSON list");
        await Refused("""{"images":[]}""", "empty JSON list");
        await Refused($"""["{good}", 42]""", "item 1: expected a base64 string or an object { \"name\", \"data\" }, not a JSON number");
        await Refused("""[{"name":"cat.png","data":"not base64!"}]""", "item 0 (cat.png): data is not valid base64");
        await Refused($$"""["{{good}}", {"name":"cat.png"}]""", "item 1 (cat.png): no \"data\" string");
        await Refused("""[{"name":7,"data":"AAAA"}]""", "item 0: \"name\" must be a string, not a JSON number");
        await Refused("""["data:image/png,abc"]""", "item 0 (image-0): a data URL must be base64");
        await Refused($$"""["{{good}}", {"name":"notes.txt","data":"{{text}}"}]""", "item 1 (notes.txt): not a PNG, JPEG or BMP image");
        await Refused($$"""[{"name":"huge.png","data":"{{huge}}"}]""", "item 0 (huge.png): the header declares 100000x100000 pixels");
        await Refused($$"""[{"name":"cut.png","data":"{{cut}}"}]""", "item 0 (cut.png): cannot be decoded");
        await Refused("""[{"name":"empty.png","data":""}]""", "item 0 (empty.png): empty file");

        var response = await client.PostAsync("/predict", JsonBody($"""["{good}"]"""));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());

        Task Refused(string json, string error) => AssertRefused(client, JsonBody(json), HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task Predict_JsonOverMaxUploadBytes_Is413WithOrWithoutContentLength()
    {
        using var factory = fixture.Host(("MaxUploadBytes", "1000"));
        // No redirect handler: it would buffer the unsized body and send a Content-Length.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var big = JsonSerializer.Serialize(new[] { Convert.ToBase64String(File.ReadAllBytes(fixture.TestImages[0]).Concat(new byte[4000]).ToArray()) });
        var unsized = new UnsizedContent(Encoding.UTF8.GetBytes(big));   // no Content-Length: refused while reading

        await AssertRefused(client, JsonBody(big), HttpStatusCode.RequestEntityTooLarge, "request body over 1000 bytes (MaxUploadBytes)");
        await AssertRefused(client, unsized, HttpStatusCode.RequestEntityTooLarge, "request body over 1000 bytes (MaxUploadBytes)");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Predict_MoreImagesThanMaxImages_Is400ForJsonAndMultipart()
    {
        using var factory = fixture.Host(("MaxImages", "2"));
        using var client = factory.CreateClient();
        var bytes = File.ReadAllBytes(fixture.TestImages[0]);
        var three = JsonSerializer.Serialize(Enumerable.Repeat(Convert.ToBase64String(bytes), 3));

        await AssertRefused(client, JsonBody(three), HttpStatusCode.BadRequest, "3 images in the request, more than MaxImages (2)");
        await AssertRefused(client, Upload(("a", "a.png", bytes), ("b", "b.png", bytes), ("c", "c.png", bytes)),
            HttpStatusCode.BadRequest, "3 images in the request, more than MaxImages (2)");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/predict", Upload(("a", "a.png", bytes), ("b", "b.png", bytes)))).StatusCode);
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<List<JsonElement>> Predictions(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.Clone()).ToList();
    }

    /// <summary>A body sent without a Content-Length (its length is not computed), as a streaming client would.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
