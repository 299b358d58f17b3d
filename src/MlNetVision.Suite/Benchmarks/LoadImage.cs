using System.Net.Http.Headers;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>One image a load client posts: its file name, bytes and content type.</summary>
/// <param name="Name">The file name sent in the multipart part.</param>
/// <param name="Bytes">The file's bytes.</param>
/// <param name="ContentType">Its media type, e.g. <c>image/png</c>.</param>
public sealed record LoadImage(string Name, byte[] Bytes, string ContentType)
{
    /// <summary>The multipart field the image is posted in.</summary>
    public const string Field = "image";

    /// <summary>Reads <paramref name="path"/>; the content type comes from its extension (PNG, JPEG, BMP, else octet-stream).</summary>
    public static LoadImage Read(string path) => new(Path.GetFileName(path), File.ReadAllBytes(path), Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".bmp" => "image/bmp",
        _ => "application/octet-stream",
    });

    /// <summary>A multipart/form-data body holding this one file in field <see cref="Field"/> (with a random
    /// boundary unless <paramref name="boundary"/> is given).</summary>
    public MultipartFormDataContent ToUpload(string? boundary = null)
    {
        var part = new ByteArrayContent(Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        var content = boundary is null ? new MultipartFormDataContent() : new MultipartFormDataContent(boundary);
        content.Add(part, Field, Name);
        return content;
    }
}
