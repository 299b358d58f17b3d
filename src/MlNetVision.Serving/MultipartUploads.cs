namespace MlNetVision.Serving;

/// <summary>Reads the files of a multipart/form-data <c>POST /predict</c> (any field names) as <see cref="ImageUpload"/>s.</summary>
public static class MultipartUploads
{
    /// <summary>
    /// The request's files in upload order. Over <see cref="ServingOptions.MaxUploadBytes"/> (the form reader's limit)
    /// is a 413, a malformed body or no file a 400, as an <see cref="UploadRejectedException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ImageUpload>> ReadAsync(HttpRequest request, ServingOptions options, CancellationToken cancel)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancel);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw UploadRejectedException.TooLarge(options.MaxUploadBytes);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw UploadRejectedException.TooLarge(options.MaxUploadBytes);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw UploadRejectedException.BadRequest($"malformed multipart body: {e.Message}");
        }
        if (form.Files.Count == 0)
            throw UploadRejectedException.BadRequest("no file in the request: send an image in a file field such as 'image'");
        return form.Files.Select(ImageUpload.FromFormFile).ToList();
    }
}
