using System.Text.Json;
using MlNetVision.Suite.Benchmarks;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Suite.Benchmarks;

public class BenchmarkJsonTests
{
    [Fact]
    public void Line_Result_UsesThePeersFieldNames()
    {
        using var json = JsonDocument.Parse(BenchmarkJson.Line(BenchmarkResults.ResNet18(train: 1, eval: 2, zip: 3)));
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal("mlnetvision", json.RootElement.GetProperty("peer").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("zip_eval_images_per_s").GetDouble());
        foreach (var name in (string[])["mode", "model", "image_size", "batch", "threads", "train_images_per_s", "eval_images_per_s",
                     "train_step_ms_median", "eval_step_ms_median", "steps", "warmup", "channels_last", "bf16", "params", "final_loss"])
            Assert.Contains(name, names);
    }
}
