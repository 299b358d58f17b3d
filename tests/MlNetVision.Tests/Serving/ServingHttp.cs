using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MlNetVision.Tests.Serving;

/// <summary>Requests to the serving app's <c>POST /predict</c> and reading its JSON answers.</summary>
public static class ServingHttp
{
    /// <summary>A multipart/form-data body with one PNG part per file.</summary>
    public static MultipartFormDataContent Upload(params (string Field, string File, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (field, file, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, field, file);
        }
        return content;
    }

    /// <summary>Posts <paramref name="content"/> and checks the status and that the JSON error contains <paramref name="error"/>.</summary>
    public static async Task AssertRefused(HttpClient client, HttpContent content, HttpStatusCode status, string error, string query = "")
    {
        var response = await client.PostAsync("/predict" + query, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Contains(error, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    /// <summary>The response's JSON body.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
