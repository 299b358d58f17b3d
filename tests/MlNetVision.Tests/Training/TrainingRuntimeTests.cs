using MlNetVision.Training;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Training;

public class TrainingRuntimeTests
{
    [Fact]
    public void Recipe_HoldsNoRuntimeSetting()
    {
        var runtime = typeof(TrainingRuntime).GetProperties().Where(p => p.DeclaringType == typeof(TrainingRuntime) && p.Name != nameof(TrainingRuntime.Default))
            .Select(p => p.Name).ToList();
        var recipe = typeof(TorchImageClassifierOptions).GetProperties().Select(p => p.Name).ToList();

        Assert.Equal(8, runtime.Count);
        Assert.Empty(recipe.Intersect(runtime));
    }

    [Fact]
    public void Fingerprint_OtherRecipeValue_Differs()
    {
        var recipe = Pipelines.QuickOptions();

        Assert.NotEqual(TrainingLoop.Fingerprint(recipe, 10, ["a", "b"]), TrainingLoop.Fingerprint(recipe with { Epochs = 3 }, 10, ["a", "b"]));
        Assert.NotEqual(TrainingLoop.Fingerprint(recipe, 10, ["a", "b"]), TrainingLoop.Fingerprint(recipe, 11, ["a", "b"]));
    }

    [Theory]
    [InlineData(-1, "cpu", 1, false, null, "Threads")]
    [InlineData(0, "tpu", 1, false, null, "Device")]
    [InlineData(0, "cpu", -1, false, null, "CheckpointIntervalMinutes")]
    [InlineData(0, "cpu", 1, true, null, "Resume")]
    public void Validate_BadSetting_NamesIt(int threads, string device, double minutes, bool resume, string? folder, string named)
    {
        var runtime = new TrainingRuntime { Threads = threads, Device = device, CheckpointIntervalMinutes = minutes, Resume = resume, CheckpointDirectory = folder };

        Assert.Contains(named, Assert.Throws<ArgumentException>(runtime.Validate).Message);
    }
}
