using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace MlNetVision.Serving;

/// <summary>
/// <c>POST /predict</c>: multipart/form-data with one or more image files (any field names), or application/json with a
/// list of base64 images (<see cref="JsonUploads"/>) → the top <c>?top=k</c> classes of each. Both become
/// <see cref="ImageUpload"/>s that go through the same checks and prediction. Every refusal is a JSON
/// <see cref="ErrorResponse"/>: 415 another content type, 413 over <see cref="ServingOptions.MaxUploadBytes"/>, 400 for an
/// empty request, no image, more than <see cref="ServingOptions.MaxImages"/>, an empty image, one that is not a PNG, JPEG
/// or BMP, a header declaring more than <see cref="ServingOptions.MaxPixels"/> pixels, or an image that does not decode.
/// </summary>
public sealed class PredictEndpoint(ServedModel model, UploadFolder uploads, ServingOptions options, ILogger logger)
{
    /// <summary>The number of classes listed per file when the query has no <c>top</c>.</summary>
    public const int DefaultTop = 5;

    /// <summary>An oversize body up to this many times <see cref="ServingOptions.MaxUploadBytes"/> is read and discarded
    /// before the 413 is sent (see <see cref="DrainAsync"/>); a larger one gets the 413 and a closed connection.</summary>
    public const long DrainFactor = 4;

    private const string Accepted = "multipart/form-data with image files or application/json with a list of base64 images";

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        try
        {
            int top = Top(context.Request.Query["top"]);
            var images = await ReadUploadsAsync(context.Request, context.RequestAborted);
            if (images.Count > options.MaxImages)
                throw UploadRejectedException.BadRequest($"{images.Count} images in the request, more than MaxImages ({options.MaxImages})");
            var predictions = new List<FilePrediction>(images.Count);
            foreach (var image in images) predictions.Add(await PredictAsync(image, top, context.RequestAborted));
            return Results.Json(new PredictionResponse(model.Info.Model, model.Info.Experiment, predictions));
        }
        catch (UploadRejectedException e)
        {
            if (e.StatusCode == StatusCodes.Status413PayloadTooLarge) await DrainAsync(context);
            return Results.Json(new ErrorResponse(e.Message), statusCode: e.StatusCode);
        }
    }

    /// <summary>
    /// Reads and discards an oversize body whose declared length is at most <see cref="DrainFactor"/> ×
    /// <see cref="ServingOptions.MaxUploadBytes"/>, so that a client that sends its whole body before reading the answer
    /// (a browser's fetch, HttpClient without <c>Expect: 100-continue</c>) gets the 413: otherwise Kestrel closes a
    /// connection whose unread body is over its limit and such a client sees a reset instead (dotnet/aspnetcore#23840).
    /// Not for a client that asked <c>Expect: 100-continue</c> (it has not sent the body and will not), nor for a body
    /// without a declared length, whose limit can no longer be raised once reading began.
    /// </summary>
    private async Task DrainAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Expect.Any(v => string.Equals(v, "100-continue", StringComparison.OrdinalIgnoreCase))) return;
        if (request.ContentLength is not { } length || length > DrainFactor * options.MaxUploadBytes) return;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is not { IsReadOnly: false } limit) return;
        limit.MaxRequestBodySize = length;
        try
        {
            await request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            logger.LogDebug(e, "stopped draining an oversize body");
        }
    }

    private int Top(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Math.Min(DefaultTop, model.Info.Classes.Count);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int top) || top < 1)
            throw UploadRejectedException.BadRequest($"top must be a whole number of at least 1, not '{text}'");
        return Math.Min(top, model.Info.Classes.Count);
    }

    private Task<IReadOnlyList<ImageUpload>> ReadUploadsAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > options.MaxUploadBytes) throw UploadRejectedException.TooLarge(options.MaxUploadBytes);
        if (request.ContentLength == 0) throw UploadRejectedException.BadRequest($"empty request: send {Accepted}");
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return MultipartUploads.ReadAsync(request, options, cancel);
        if (request.HasJsonContentType()) return JsonUploads.ReadAsync(request, options, cancel);
        throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType,
            $"send {Accepted}, not '{request.ContentType ?? "no content type"}'");
    }

    private async Task<FilePrediction> PredictAsync(ImageUpload image, int top, CancellationToken cancel)
    {
        if (image.Length == 0) throw UploadRejectedException.BadRequest($"{image.Source}: empty file");
        var head = new byte[ImageHeader.HeadBytes];
        int read;
        await using (var stream = image.OpenRead()) read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancel);
        var kind = ImageHeader.Kind(head.AsSpan(0, read));
        if (kind == ImageKind.None) throw UploadRejectedException.BadRequest($"{image.Source}: not a PNG, JPEG or BMP image");
        if (ImageHeader.TryReadSize(head.AsSpan(0, read)) is var (width, height) && width * height > options.MaxPixels)
            throw UploadRejectedException.BadRequest(
                $"{image.Source}: the header declares {width}x{height} pixels, more than MaxPixels ({options.MaxPixels})");

        var path = uploads.NewFile("." + kind.ToString().ToLowerInvariant());
        try
        {
            await using (var source = image.OpenRead())
            await using (var target = File.Create(path))
                await source.CopyToAsync(target, cancel);
            return ToPrediction(image.Name, await model.PredictAsync(path, cancel), top);
        }
        catch (ImageDecodeException e)
        {
            logger.LogWarning(e.InnerException, "{Image} did not decode", image.Source);
            throw UploadRejectedException.BadRequest($"{image.Source}: cannot be decoded as an image ({e.Message})");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private FilePrediction ToPrediction(string name, ModelOutput output, int top)
    {
        var classes = model.Info.Classes;
        var ranked = output.Score.Select((p, i) => new LabelProbability(classes[i], p))
            .OrderByDescending(c => c.Probability).Take(top).ToList();
        int predicted = Math.Max(0, classes.ToList().IndexOf(output.PredictedLabel));
        return new FilePrediction(name, output.PredictedLabel, output.Score[predicted], ranked);
    }
}
