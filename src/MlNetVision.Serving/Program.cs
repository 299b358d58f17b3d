// Serves one MlNetVision model.zip over HTTP with stock ML.NET only: POST /predict, GET /model, GET /healthz, GET /.
//   dotnet run --project src/MlNetVision.Serving -- --model runs/x/model.zip
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using MlNetVision.Serving;

var builder = WebApplication.CreateBuilder(args);
// ASP.NET Core logs every request at Information (the web templates turn that off in appsettings.json, which is not found
// when the app is started from another folder): that is console output per request.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
// Read the limits from the final configuration (a test host adds its settings while the app is built).
builder.Services.AddSingleton(services => ServingOptions.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(services => new ConfigureOptions<KestrelServerOptions>(
    kestrel => kestrel.Limits.MaxRequestBodySize = services.GetRequiredService<ServingOptions>().MaxUploadBytes));
builder.Services.AddSingleton<IConfigureOptions<FormOptions>>(services => new ConfigureOptions<FormOptions>(
    form => form.MultipartBodyLengthLimit = services.GetRequiredService<ServingOptions>().MaxUploadBytes));
var app = builder.Build();

ServingOptions options;
ServedModel served;
try
{
    options = app.Services.GetRequiredService<ServingOptions>();
    served = ServedModel.Load(options);
}
catch (StartupException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
var uploads = UploadFolder.Create();
app.Lifetime.ApplicationStopped.Register(() =>
{
    served.Dispose();   // deletes ML.NET's temporary copy of the ONNX model
    uploads.Dispose();
});

var predict = new PredictEndpoint(served, uploads, options, app.Logger);
app.MapGet("/", () => Results.Content(IndexPage.Html, "text/html; charset=utf-8"));
app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
app.MapGet("/model", () => Results.Json(served.Info));
app.MapPost("/predict", (HttpRequest request) => predict.HandleAsync(request.HttpContext));
app.Run();
return 0;

/// <summary>The app's entry point, public so that tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program { }
