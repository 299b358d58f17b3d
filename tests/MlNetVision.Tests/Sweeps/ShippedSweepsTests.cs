extern alias JsonSchemaNet;
using System.Text.Json.Nodes;
using JsonSchemaNet::Json.Schema;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Definitions;
using MlNetVision.Experiments.Sweeps;
using MlNetVision.Tests.Files;
using MlNetVision.Tests.TestSupport;
using MlNetVision.Training;

namespace MlNetVision.Tests.Sweeps;

/// <summary>The repository's studies as sweep files (experiments/sweeps) and the sweep files' shipped schema.</summary>
public class ShippedSweepsTests
{
    private static string Sweeps => Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), "experiments", "sweeps");

    public static TheoryData<string> Files() => new(Directory.GetFiles(Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), "experiments", "sweeps"), "*.json")
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedSweep_ReadsAndMatchesTheSchema(string name)
    {
        var path = Path.Combine(Sweeps, name);
        var sweep = SweepFileReader.Read(path);
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), SweepFileSchema.ShippedPath)));

        Assert.Equal(Path.GetFileNameWithoutExtension(name), sweep.Name);
        Assert.NotEmpty(sweep.Tasks);
        Assert.True(schema.Evaluate(JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })).IsValid, name);
    }

    [Fact]
    public void Ablation_HasEveryCatalogAblationBesideThreeSeedsOfTheBase()
    {
        var sweep = SweepFileReader.Read(Path.Combine(Sweeps, "fast-cnn-94-ablation.json"));

        var ablations = ExperimentCatalog.Names.Where(n => n.StartsWith("fast-cnn-94-no-", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(ablations, sweep.Tasks.Select(t => t.Experiment.Experiment.Name).Where(n => n != "fast-cnn-94").Order(StringComparer.Ordinal));
        Assert.Equal([0, 1, 2], sweep.Tasks.Where(t => t.Experiment.Experiment.Name == "fast-cnn-94").Select(t => t.Experiment.Settings.Seed ?? -1));
        Assert.All(sweep.Tasks, t => Assert.Equal(t.Experiment.Extends, t.Experiment.Experiment.Name));   // catalog recipes, untouched
    }

    [Fact]
    public void SeedStudy_RunsEverySeedRowWithTheSeedsSettings()
    {
        var sweep = SweepFileReader.Read(Path.Combine(Sweeps, "seed-study.json"));
        var tasks = sweep.Tasks.ToDictionary(t => t.Id, t => t.Experiment.Experiment.Trainer);

        // every row of compare's seed table that can run here, by the experiment name the table matches on
        var runnable = SeedStudyRows.All.Where(r => r.SeedSettings is not null && r.Command is null).Select(r => r.SeedSettings!);
        Assert.Equal(runnable, tasks.Keys);
        Assert.All(sweep.Tasks, t => Assert.Equal(t.Experiment.Extends, t.Experiment.Experiment.Name));   // catalog recipes, untouched
        foreach (var row in SeedStudyRows.All.Where(r => r.SeedSettings is { } name && tasks.ContainsKey(name)))
        {
            var trainer = tasks[row.SeedSettings!];
            int inputSize = trainer.ImageSize is 0 ? 32 : trainer.ImageSize;   // 0: the images' own size, 32 px in CIFAR-10
            Assert.Equal((row.Recipe.Epochs, row.Recipe.InputSize, 64), ((double)trainer.Epochs, inputSize, trainer.BatchSize));
        }
        foreach (var id in new[] { "simple-cnn", "simple-vit", "resnet18-mlnet-finetune", "resnet18-mlnet-finetune-aug", "simple-cnn-224-randaugment", "simple-vit-224-randaugment" })
            Assert.Equal((OptimizerKind.Adam, 1e-3), (tasks[id].Optimizer, tasks[id].LearningRate));
        Assert.Equal(ExperimentCatalog.SeedAugmentation, tasks["resnet18-mlnet-finetune-aug"].Augmentation);
        Assert.Equal("", tasks["resnet18-mlnet-finetune"].Augmentation ?? "");
        Assert.Equal("randaugment:n=2:m=9", tasks["simple-vit-224-randaugment"].Augmentation);
        Assert.All(sweep.Tasks, t => Assert.Equal(0, t.Experiment.Settings.Seed));
    }

    [Fact]
    public void Generate_EqualsTheShippedSchema()
    {
        var shipped = File.ReadAllText(Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), SweepFileSchema.ShippedPath));

        // on failure: dotnet run --project experiments -- schema sweep --output experiments/schema/sweep.schema.json
        Assert.Equal(shipped, SweepFileSchema.Generate());
    }

    [Fact]
    public void SchemaCommand_WritesTheSweepSchema()
    {
        using var folder = new TempFolder();
        var log = new StringWriter();

        Assert.Equal(0, CommandLine.Run(["schema", "sweep", "--output", folder.Combine("s.json")], log, log));
        Assert.Equal(SweepFileSchema.Generate(), File.ReadAllText(folder.Combine("s.json")));
    }

    [Theory]
    [InlineData("""{ "name": "s", "base": { "extends": "simple-cnn", "seeds": [0, 1] } }""")]
    [InlineData("""{ "name": "s", "grid": { "recipe.learningRat": [0.1] } }""")]
    [InlineData("""{ "name": "s", "grid": { "seed": 1 } }""")]
    [InlineData("""{ "name": "s", "grid": { "recipe.epochs": ["3"] } }""")]
    [InlineData("""{ "name": "S", "tasks": [ { "extends": "simple-cnn" } ] }""")]
    [InlineData("""{ "name": "s", "tasks": [ { "extends": "simple-cnm" } ] }""")]
    public void ShippedSchema_RejectsWhatTheReaderRejects(string json)
    {
        var schema = JsonSchema.FromText(SweepFileSchema.Generate());
        Assert.False(schema.Evaluate(JsonNode.Parse(json)).IsValid);
    }
}
