namespace MlNetVision.Serving;

/// <summary>
/// One image of a <c>POST /predict</c> request, whether a multipart file or an item of a JSON list: the one shape
/// that <see cref="PredictEndpoint"/> checks (size, first bytes, declared pixels) and predicts.
/// </summary>
/// <param name="Name">The name the prediction answers in <see cref="FilePrediction.File"/>.</param>
/// <param name="Source">How a refusal names it: the file name for a multipart file, <c>item 2 (cat.png)</c> for a JSON item.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="OpenRead">Opens its bytes from the start; each call gives a new stream.</param>
public sealed record ImageUpload(string Name, string Source, long Length, Func<Stream> OpenRead)
{
    /// <summary>A multipart file, named by its file name (without any client path), else by its field name.</summary>
    public static ImageUpload FromFormFile(IFormFile file)
    {
        var name = Path.GetFileName(file.FileName);
        if (string.IsNullOrEmpty(name)) name = file.Name;
        return new ImageUpload(name, name, file.Length, file.OpenReadStream);
    }

    /// <summary>Bytes already in memory (a decoded JSON item).</summary>
    public static ImageUpload FromBytes(string name, string source, byte[] bytes) =>
        new(name, source, bytes.Length, () => new MemoryStream(bytes, writable: false));
}
