using System.Text.Json;

namespace MlNetVision.Serving;

/// <summary>
/// Reads an application/json <c>POST /predict</c> as <see cref="ImageUpload"/>s. The body is a JSON array, or an object
/// <c>{ "images": [ ... ] }</c>, whose items are base64 strings (or base64 data URLs, <c>data:image/png;base64,...</c>)
/// or objects <c>{ "name": "cat.png", "data": "&lt;base64 or data URL&gt;" }</c>; an item without a name is called
/// <c>image-&lt;index&gt;</c> (from 0). Property names are matched ignoring case, other properties are ignored.
/// </summary>
public static class JsonUploads
{
    private const string Expected = "a JSON array of images (base64 strings or { \"name\", \"data\" } objects) or { \"images\": [ ... ] }";

    /// <summary>
    /// The items in list order. The body is read up to <see cref="ServingOptions.MaxUploadBytes"/> (more is a 413 as soon
    /// as it is read); malformed JSON, another shape, an empty list or an item that is not a string or object, has no
    /// <c>data</c> or is not valid base64 is a 400 naming the item, as an <see cref="UploadRejectedException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ImageUpload>> ReadAsync(HttpRequest request, ServingOptions options, CancellationToken cancel)
    {
        var body = await ReadBodyAsync(request, options.MaxUploadBytes, cancel);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw UploadRejectedException.BadRequest($"malformed JSON body: {e.Message}");
        }
        using (document)
        {
            var items = Items(document.RootElement);
            if (items.GetArrayLength() == 0) throw UploadRejectedException.BadRequest("empty JSON list: send at least one image");
            return items.EnumerateArray().Select(Upload).ToList();
        }
    }

    /// <summary>Reads the whole body into memory, refusing it as soon as it passes <paramref name="limit"/> bytes
    /// (a body without Content-Length, or a host that does not enforce Kestrel's MaxRequestBodySize).</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancel)
    {
        var body = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancel)) > 0)
            {
                if (body.Length + read > limit) throw UploadRejectedException.TooLarge(limit);
                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw UploadRejectedException.TooLarge(limit);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            throw UploadRejectedException.BadRequest($"cannot read the request body: {e.Message}");
        }
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    private static JsonElement Items(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array) return root;
        if (root.ValueKind == JsonValueKind.Object && Property(root, "images") is { ValueKind: JsonValueKind.Array } images) return images;
        var what = root.ValueKind == JsonValueKind.Object ? "an object without an \"images\" array" : $"a JSON {Kind(root)}";
        throw UploadRejectedException.BadRequest($"send {Expected}, not {what}");
    }

    private static ImageUpload Upload(JsonElement item, int index)
    {
        JsonElement? data = item;
        string? name = null;
        if (item.ValueKind == JsonValueKind.Object)
        {
            data = Property(item, "data");
            if (Property(item, "name") is { } given && given.ValueKind != JsonValueKind.Null)
                name = given.ValueKind == JsonValueKind.String ? given.GetString()
                    : throw UploadRejectedException.BadRequest($"item {index}: \"name\" must be a string, not a JSON {Kind(given)}");
        }
        else if (item.ValueKind != JsonValueKind.String)
        {
            throw UploadRejectedException.BadRequest(
                $"item {index}: expected a base64 string or an object {{ \"name\", \"data\" }}, not a JSON {Kind(item)}");
        }
        if (string.IsNullOrEmpty(name)) name = $"image-{index}";
        var source = $"item {index} ({name})";
        if (data is not { ValueKind: JsonValueKind.String } text)
            throw UploadRejectedException.BadRequest($"{source}: no \"data\" string (base64 or a base64 data URL)");
        return ImageUpload.FromBytes(name, source, Decode(text.GetString()!, source));
    }

    private static byte[] Decode(string text, string source)
    {
        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            int comma = text.IndexOf(',');
            if (comma < 0 || !text.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
                throw UploadRejectedException.BadRequest($"{source}: a data URL must be base64 (data:image/png;base64,...)");
            text = text[(comma + 1)..];
        }
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw UploadRejectedException.BadRequest($"{source}: data is not valid base64");
        }
    }

    private static JsonElement? Property(JsonElement obj, string name) =>
        obj.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
