using System.CommandLine;
using System.Text.Json;
using MlNetVision.Suite.Benchmarks;

namespace MlNetVision.Experiments.Commands;

/// <summary><c>soak</c>: a long training run that fails when resident memory grows after warm-up.</summary>
internal static class SoakCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "Registered model.", DefaultValueFactory = _ => "simple_cnn" };
        var steps = new Option<long>("--steps") { Description = "Training steps.", DefaultValueFactory = _ => 2000 };
        var bound = new Option<double>("--max-growth-mb") { Description = "Largest resident-memory growth after step 200 that passes.", DefaultValueFactory = _ => 64 };
        var command = new Command("soak", "Train many steps on random data and check that resident memory stays flat after warm-up (exit 1 if not).") { model, steps, bound };
        command.SetAction(parse =>
        {
            var result = SoakTest.Run(parse.GetValue(model)!, parse.GetValue(steps));
            output.WriteLine(JsonSerializer.Serialize(result));
            bool ok = result.GrowthMb <= parse.GetValue(bound) && result.LiveTensorsFinal <= result.LiveTensorsWarm;
            output.WriteLine(ok ? "soak passed" : $"soak FAILED: grew {result.GrowthMb:0.0} MB, live tensors {result.LiveTensorsWarm} -> {result.LiveTensorsFinal}");
            return ok ? 0 : 1;
        });
        return command;
    }
}
