using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Files;
using MlNetVision.Experiments.Running;
using MlNetVision.Infrastructure;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Files;

public class ExperimentFileReaderTests
{
    private static string Write(TempFolder folder, string json, string name = "variant.json") => folder.Write(name, json);

    private static string ErrorOf(string json) => FileErrors.Of(json, "variant.json", path => ExperimentFileReader.Read(path));

    [Fact]
    public void Read_Overrides_AppliedOverTheBaseRecipe()
    {
        using var folder = new TempFolder();
        var path = Write(folder, """
            { "$schema": "x", "extends": "fast-cnn-94", "name": "v1", "description": "d", "data": "imgs", "imageSize": 64, "seeds": [3, 4, 5],
              "recipe": { "epochs": 3, "optimizer": "muon", "mean": [0.1, 0.2, 0.3], "augmentation": "none", "pretrained": null } }
            """);

        var file = ExperimentFileReader.Read(path);

        Assert.Equal("fast-cnn-94", file.Extends);
        Assert.Equal("v1", file.Experiment.Name);
        Assert.Equal("d", file.Experiment.Description);
        Assert.Equal(3, file.Experiment.Trainer.Epochs);
        Assert.Equal(OptimizerKind.Muon, file.Experiment.Trainer.Optimizer);
        Assert.Equal([0.1f, 0.2f, 0.3f], file.Experiment.Trainer.Mean);
        Assert.Equal("", file.Experiment.Trainer.Augmentation);
        Assert.Equal(Experiments.Definitions.Recipes.FastCnn94.Options.BatchSize, file.Experiment.Trainer.BatchSize);
        Assert.Equal(Path.Combine(folder.Path, "imgs"), file.Settings.Data);
        Assert.Equal(64, file.Settings.ImageSize);
        Assert.Equal(3, file.Settings.Seed);
        Assert.Equal(3, file.Settings.Seeds);
        Assert.Equal(path, file.Experiment.SourceFile);
        Assert.Equal(64, file.Sha256.Length);
        Assert.Equal(10, Experiments.Definitions.Recipes.FastCnn94.Options.Epochs);   // the catalog's recipe is untouched
    }

    [Fact]
    public void Read_NoName_TakesTheFileName()
    {
        using var folder = new TempFolder();
        var file = ExperimentFileReader.Read(Write(folder, """{ "extends": "simple-cnn" }""", "my-cnn.json"));
        Assert.Equal("my-cnn", file.Experiment.Name);
    }

    [Theory]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "learningrat": 0.1 } }""", ": $.recipe.learningrat: unknown field 'learningrat'. Did you mean 'learningRate'?")]
    [InlineData("""{ "extends": "simple-cnn", "seed": 1 }""", ": $.seed: unknown field 'seed'. Did you mean 'seeds'?")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "epochs": "3" } }""", ": $.recipe.epochs: expected an integer, got the string \"3\".")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "epochs": 2.5 } }""", ": $.recipe.epochs: expected an integer, got the number 2.5.")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "channelsLast": 1 } }""", ": $.recipe.channelsLast: expected true or false, got the number 1.")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "mean": [0.5, "a", 0.5] } }""", ": $.recipe.mean[1]: expected a number, got the string \"a\".")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "epochs": -1 } }""", ": $.recipe.epochs: bad value: Epochs must be at least 1 (got -1).")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "optimizer": "adamm" } }""", ": $.recipe.optimizer: unknown value 'adamm'. Did you mean 'adam'? Values: adam, adamW, sgd, muon.")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "augmentation": "flop" } }""", ": $.recipe.augmentation: bad value:")]
    [InlineData("""{ "extends": "simple-cnm" }""", ": $.extends: unknown experiment 'simple-cnm'. Did you mean 'simple-cnn'?")]
    [InlineData("""{ "name": "x" }""", ": $: missing 'extends'")]
    [InlineData("""{ "extends": "simple-cnn", "name": "simple-vit" }""", ": $.name: 'simple-vit' is a built-in experiment")]
    [InlineData("""{ "extends": "simple-cnn", "imageSize": 0 }""", ": $.imageSize: bad value: must be at least 1 (got 0).")]
    [InlineData("""{ "extends": "simple-cnn", "seeds": [0, 2] }""", ": $.seeds: the seeds must be consecutive")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "epochs": 1, "epochs": 2 } }""", ": $.recipe.epochs: 'epochs' is given twice.")]
    [InlineData("""[1]""", ": $: expected an object, got an array.")]
    [InlineData("{ \"extends\": \"simple-cnn\",\n  \"recipe\": { \"epochs\": 3 x } }", ":2:27: malformed JSON:")]
    public void Read_BadFile_OneLineNamingFilePathAndProblem(string json, string expected) =>
        Assert.StartsWith(expected, ErrorOf(json));

    [Fact]
    public void Read_MissingFile_Error()
    {
        var e = Assert.Throws<MlNetVisionException>(() => ExperimentFileReader.Read("/nonexistent/x.json"));
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Run_BadFile_UserErrorExitCode()
    {
        using var folder = new TempFolder();
        var path = Write(folder, """{ "extends": "simple-cnn", "recipe": { "epocs": 3 } }""");
        var log = new StringWriter();

        int code = CommandLine.Run(["run", path], log, log);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal($"error: {path}: $.recipe.epocs: unknown field 'epocs'. Did you mean 'epochs'?", log.ToString().Trim());
    }

    [Theory]
    [InlineData("fast-cnn-94-short.json")]
    [InlineData("simple-cnn-folder.json")]
    public void Read_ShippedExamples_AreValid(string name)
    {
        var file = ExperimentFileReader.Read(Path.Combine(RepositoryRoot(), "experiments", "examples", name));
        Assert.Equal(Path.GetFileNameWithoutExtension(name), file.Experiment.Name);
    }

    [Fact]
    public void Over_CommandLineWinsOverTheFile()
    {
        var file = new RunSettings { Data = "a", Epochs = 3, Seed = 1, Seeds = 3, ImageSize = 64 };
        var merged = new RunSettings { Data = "b", Seed = 7 }.Over(file);
        Assert.Equal("b", merged.Data);
        Assert.Equal(3, merged.Epochs);
        Assert.Equal(7, merged.Seed);
        Assert.Null(merged.Seeds);   // --seed alone on the command line means one run with that seed
        Assert.Equal(64, merged.ImageSize);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetVision.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MlNetVision.sln not found above the test folder");
    }
}
