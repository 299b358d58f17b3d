using System.Text.Json;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Running;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Sweeps;

public class SweepFileReaderTests
{
    private static string Write(TempFolder folder, string json, string name = "sweep.json") => folder.Write(name, json);

    private static string ErrorOf(string json) => FileErrors.Of(json, "sweep.json", path => SweepFileReader.Read(path));

    [Fact]
    public void Read_ListTimesGrid_TasksInOrderWithStableIdsAndMergedRecipes()
    {
        using var folder = new TempFolder();
        var path = Write(folder, $$"""
            { "name": "demo", "output": {{JsonSerializer.Serialize(folder.Combine("out"))}},
              "base": { "data": "imgs", "limitTrain": 30, "recipe": { "epochs": 2 } },
              "tasks": [ { "extends": "simple-cnn", "name": "cnn" }, { "extends": "simple-vit", "name": "vit", "recipe": { "batchSize": 16 } } ],
              "grid": { "recipe.learningRate": [0.001, 0.5], "seed": [0, 1] } }
            """);

        var sweep = SweepFileReader.Read(path);

        Assert.Equal(["cnn.lr-0.001.seed-0", "cnn.lr-0.001.seed-1", "cnn.lr-0.5.seed-0", "cnn.lr-0.5.seed-1",
                      "vit.lr-0.001.seed-0", "vit.lr-0.001.seed-1", "vit.lr-0.5.seed-0", "vit.lr-0.5.seed-1"], sweep.Tasks.Select(t => t.Id));
        Assert.Equal(Enumerable.Range(0, 8), sweep.Tasks.Select(t => t.Index));
        var vit = sweep.Tasks[6];
        Assert.Equal("vit.lr-0.5", vit.Experiment.Experiment.Name);   // the seed stays out of the name: seed groups in compare
        Assert.Equal(2, vit.Experiment.Experiment.Trainer.Epochs);
        Assert.Equal(16, vit.Experiment.Experiment.Trainer.BatchSize);
        Assert.Equal(0.5, vit.Experiment.Experiment.Trainer.LearningRate);
        Assert.Equal("simple-vit", vit.Experiment.Extends);
        Assert.Equal(0, vit.Experiment.Settings.Seed);
        Assert.Null(vit.Experiment.Settings.Seeds);
        Assert.Equal(30, vit.Experiment.Settings.LimitTrain);
        Assert.Equal(folder.Combine("imgs"), vit.Experiment.Settings.Data);   // relative to the sweep file's folder
        Assert.Equal(folder.Combine("out"), sweep.Output);
        Assert.Equal(folder.Combine("out", "tasks", "vit.lr-0.5.seed-0"), sweep.TaskFolder(vit));
        Assert.Equal(folder.Combine("out", "tasks", "vit.lr-0.5.seed-0", "experiment.json"), vit.Experiment.Path);
        Assert.Equal(["extends=\"simple-vit\"", "name=\"vit\"", "recipe.batchSize=16", "recipe.learningRate=0.5", "seed=0"], vit.Overrides);
    }

    [Fact]
    public void Read_OnlySeedsAndExtendsVary_TasksAreTheCatalogExperiments()
    {
        using var folder = new TempFolder();
        var path = Write(folder, """
            { "name": "seeds", "base": { "limitTest": 100 }, "grid": { "extends": ["simple-cnn", "simple-vit"], "seed": [0, 1, 2] } }
            """);

        var sweep = SweepFileReader.Read(path);

        Assert.Equal(6, sweep.Tasks.Count);
        Assert.Equal("simple-vit.seed-2", sweep.Tasks[5].Id);
        Assert.Equal("simple-cnn", sweep.Tasks[0].Experiment.Experiment.Name);
        Assert.Equal(0.7145, sweep.Tasks[0].Experiment.Experiment.PublishedAccuracy);   // the seed study's figure stays beside it
        Assert.Equal(Path.Combine(RunFolder.ArtifactsRoot(), "sweeps", "seeds"), sweep.Output);
    }

    [Fact]
    public void Read_SameFileTwice_SameTasks()
    {
        using var folder = new TempFolder();
        var path = Write(folder, """{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "recipe.augmentation": ["flip,crop:pad=4", "none"] } }""");

        var first = SweepFileReader.Read(path);
        var second = SweepFileReader.Read(path);

        Assert.Equal(["s.augmentation-flip-crop-pad-4", "s.augmentation-none"], first.Tasks.Select(t => t.Id).Select(id => id.Replace("simple-cnn", "s")));
        Assert.Equal(first.Tasks.Select(t => t.ExperimentJson), second.Tasks.Select(t => t.ExperimentJson));
    }

    [Theory]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "seed": [0, 1] }, "output": 3 }""", ": $.output: expected a string, got the number 3.")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "gird": { "seed": [0] } }""", ": $.gird: unknown field 'gird'. Did you mean 'grid'?")]
    [InlineData("""{ "base": { "extends": "simple-cnn" } }""", ": $: missing 'name'")]
    [InlineData("""{ "name": "My Sweep", "base": { "extends": "simple-cnn" } }""", ": $.name: 'My Sweep' is not a valid sweep name")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn", "seeds": [0, 1] } }""", ": $.base.seeds: a task runs one seed: set 'seed', or vary it with \"grid\": { \"seed\": [0, 1, 2] }.")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "seeds": [0, 1] } }""", ": $.grid.seeds: a task runs one seed: vary \"seed\": [0, 1, 2].")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "recipe.learningRat": [0.1] } }""", ": $.grid['recipe.learningRat']: unknown recipe field 'learningRat'. Did you mean 'learningRate'?")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "sed": [0] } }""", ": $.grid.sed: unknown field 'sed'. Did you mean 'seed'?")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "seed": 1 } }""", ": $.grid.seed: expected a non-empty array of values, got the number 1.")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn", "name": "c" }, "grid": { "recipe.epochs": [1, 0] } }""", ": task 1 (c.epochs-0): $.grid['recipe.epochs'][1]: bad value: Epochs must be at least 1 (got 0).")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "seed": [0, "a"] } }""", ": task 1 (simple-cnn.seed-a): $.grid.seed[1]: expected an integer, got the string \"a\".")]
    [InlineData("""{ "name": "s", "tasks": [ { "extends": "simple-cnn" }, { "extends": "simple-cnm" } ] }""", ": task 1 (simple-cnm): $.tasks[1].extends: unknown experiment 'simple-cnm'. Did you mean 'simple-cnn'?")]
    [InlineData("""{ "name": "s", "tasks": [ { "recipe": { "epochs": 1 } } ] }""", ": task 0 (task.epochs-1): $.tasks[0]: missing 'extends'")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn", "recipe": { "epochs": 1 } } }""", ": task 0 (simple-cnn): $: the task changes the recipe of the built-in experiment 'simple-cnn': give it a 'name' of its own")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn" }, "grid": { "seed": [1, 1] } }""", ": $: tasks 0 and 1 both have the id 'simple-cnn.seed-1'")]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn", "recipe": { "epochs": 1, "epochs": 2 } } }""", ": $.base.recipe.epochs: 'epochs' is given twice.")]
    [InlineData("{ \"name\": \"s\",\n  \"base\": { \"extends\": \"simple-cnn\" x } }", ":2:37: malformed JSON:")]
    [InlineData("""[1]""", ": $: expected an object, got an array.")]
    public void Read_BadFile_OneLineNamingFileTaskPathAndProblem(string json, string expected) =>
        Assert.StartsWith(expected, ErrorOf(json));

    [Fact]
    public void Read_MissingFile_Error()
    {
        var e = Assert.Throws<MlNetVisionException>(() => SweepFileReader.Read("/nonexistent/sweep.json"));
        Assert.Equal("/nonexistent/sweep.json: sweep file not found.", e.Message);
    }

    [Fact]
    public void Plan_PrintsIndexIdAndOverrides()
    {
        using var folder = new TempFolder();
        var path = Write(folder, """{ "name": "s", "description": "two seeds", "base": { "extends": "simple-cnn" }, "grid": { "seed": [3, 4] } }""");
        var log = new StringWriter();

        int code = CommandLine.Run(["sweep", "plan", path], log, log);

        Assert.Equal(0, code);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();
        Assert.StartsWith("sweep s: 2 tasks into ", lines[0]);
        Assert.Equal("two seeds", lines[1]);
        Assert.Equal("    1  simple-cnn.seed-4  seed=4", lines[4]);
    }

    [Fact]
    public void Plan_BadFile_OneErrorLineAndUserErrorCode()
    {
        using var folder = new TempFolder();
        var path = Write(folder, """{ "name": "s", "base": { "extends": "simple-cnn", "recipe": { "epocs": 1 } } }""");
        var log = new StringWriter();

        int code = CommandLine.Run(["sweep", "plan", path], log, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal($"error: {path}: task 0 (simple-cnn): $.base.recipe.epocs: unknown field 'epocs'. Did you mean 'epochs'?", log.ToString().Trim());
    }
}
