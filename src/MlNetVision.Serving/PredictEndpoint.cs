using System.Globalization;

namespace MlNetVision.Serving;

/// <summary>
/// <c>POST /predict</c>: multipart/form-data with one or more image files (any field names) → the top <c>?top=k</c>
/// classes of each. Every refusal is a JSON <see cref="ErrorResponse"/>: 415 not multipart, 413 over
/// <see cref="ServingOptions.MaxUploadBytes"/>, 400 for an empty request or file, a file that is not a PNG, JPEG or
/// BMP, a header declaring more than <see cref="ServingOptions.MaxPixels"/> pixels, or an image that does not decode.
/// </summary>
public sealed class PredictEndpoint(ServedModel model, UploadFolder uploads, ServingOptions options, ILogger logger)
{
    /// <summary>The number of classes listed per file when the query has no <c>top</c>.</summary>
    public const int DefaultTop = 5;

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        try
        {
            int top = Top(context.Request.Query["top"]);
            var files = await ReadFilesAsync(context.Request, context.RequestAborted);
            var predictions = new List<FilePrediction>(files.Count);
            foreach (var file in files) predictions.Add(await PredictAsync(file, top, context.RequestAborted));
            return Results.Json(new PredictionResponse(model.Info.Model, model.Info.Experiment, predictions));
        }
        catch (UploadRejectedException e)
        {
            return Results.Json(new ErrorResponse(e.Message), statusCode: e.StatusCode);
        }
    }

    private int Top(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Math.Min(DefaultTop, model.Info.Classes.Count);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int top) || top < 1)
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, $"top must be a whole number of at least 1, not '{text}'");
        return Math.Min(top, model.Info.Classes.Count);
    }

    private async Task<IReadOnlyList<IFormFile>> ReadFilesAsync(HttpRequest request, CancellationToken cancel)
    {
        if (request.ContentLength > options.MaxUploadBytes) throw TooLarge();
        if (request.ContentLength == 0) throw new UploadRejectedException(StatusCodes.Status400BadRequest, "empty request: send multipart/form-data with an image file");
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType,
                $"send multipart/form-data with one or more image files, not '{request.ContentType ?? "no content type"}'");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancel);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, $"malformed multipart body: {e.Message}");
        }
        if (form.Files.Count == 0)
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "no file in the request: send an image in a file field such as 'image'");
        return form.Files;
    }

    private UploadRejectedException TooLarge() => new(StatusCodes.Status413PayloadTooLarge,
        $"request body over {options.MaxUploadBytes} bytes (MaxUploadBytes)");

    private async Task<FilePrediction> PredictAsync(IFormFile file, int top, CancellationToken cancel)
    {
        var name = Path.GetFileName(file.FileName);
        if (string.IsNullOrEmpty(name)) name = file.Name;
        if (file.Length == 0) throw new UploadRejectedException(StatusCodes.Status400BadRequest, $"{name}: empty file");
        var head = new byte[ImageHeader.HeadBytes];
        int read;
        await using (var stream = file.OpenReadStream()) read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancel);
        var kind = ImageHeader.Kind(head.AsSpan(0, read));
        if (kind == ImageKind.None) throw new UploadRejectedException(StatusCodes.Status400BadRequest, $"{name}: not a PNG, JPEG or BMP image");
        if (ImageHeader.TryReadSize(head.AsSpan(0, read)) is var (width, height) && width * height > options.MaxPixels)
            throw new UploadRejectedException(StatusCodes.Status400BadRequest,
                $"{name}: the header declares {width}x{height} pixels, more than MaxPixels ({options.MaxPixels})");

        var path = uploads.NewFile("." + kind.ToString().ToLowerInvariant());
        try
        {
            await using (var target = File.Create(path)) await file.CopyToAsync(target, cancel);
            var output = await model.PredictAsync(path, cancel);
            return ToPrediction(name, output, top);
        }
        catch (ImageDecodeException e)
        {
            logger.LogWarning(e.InnerException, "{File} did not decode", name);
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, $"{name}: cannot be decoded as an image ({e.Message})");
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
