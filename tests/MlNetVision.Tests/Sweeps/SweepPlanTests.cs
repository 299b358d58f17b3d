using System.Text.Json;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps;

public class SweepPlanTests
{
    private static SweepFile Sweep(TempFolder folder, string grid, string epochs = "1")
    {
        var path = folder.Combine("sweep.json");
        File.WriteAllText(path, $$"""
            { "name": "s", "output": {{JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "extends": "simple-cnn", "name": "c", "recipe": { "epochs": {{epochs}} } }, "grid": { "seed": {{grid}} } }
            """);
        return SweepFileReader.Read(path);
    }

    [Fact]
    public void Record_WritesThePlan_AndAcceptsTheSameTasksAgain()
    {
        using var folder = new TempFolder();
        var sweep = Sweep(folder, "[0, 1]");

        SweepPlan.Record(sweep);
        SweepPlan.Record(Sweep(folder, "[0, 1]"));

        var plan = JsonSerializer.Deserialize<SweepPlan>(File.ReadAllText(sweep.PlanPath), MlNetVision.Suite.Reporting.ReportJson.Options)!;
        Assert.Equal(["c.seed-0", "c.seed-1"], plan.Tasks.Select(t => t.Id));
        Assert.Equal("tasks/c.seed-1", plan.Tasks[1].Folder);
        Assert.Equal("tasks/c.seed-1/experiment.json", plan.Tasks[1].ExperimentFile);
        Assert.Equal(sweep.Sha256, plan.SweepFileSha256);
    }

    [Theory]
    [InlineData("[0, 2]", "1", "task 1: was 'c.seed-1'")]
    [InlineData("[0, 1]", "2", "task 0: was 'c.seed-0' {\"extends\":\"simple-cnn\",\"name\":\"c\",\"seed\":0,\"recipe\":{\"epochs\":1}}, now 'c.seed-0'")]
    [InlineData("[0]", "1", "task 1: was 'c.seed-1'")]
    public void Record_ChangedTasks_ClearError(string seeds, string epochs, string expected)
    {
        using var folder = new TempFolder();
        SweepPlan.Record(Sweep(folder, "[0, 1]"));

        var e = Assert.Throws<MlNetVisionException>(() => SweepPlan.Record(Sweep(folder, seeds, epochs)));

        Assert.Contains("the sweep's tasks changed since", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Record_NoPlanButAStrangeTaskFolder_ClearError()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("out", "tasks", "other.seed-0"));

        var e = Assert.Throws<MlNetVisionException>(() => SweepPlan.Record(Sweep(folder, "[0]")));

        Assert.Contains("holds a task 'other.seed-0' that the sweep does not have", e.Message);
    }
}
