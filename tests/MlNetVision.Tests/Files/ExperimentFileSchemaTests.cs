extern alias JsonSchemaNet;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonSchemaNet::Json.Schema;
using MlNetVision.Experiments.Commands;
using MlNetVision.Experiments.Files;
using MlNetVision.Tests.TestSupport;

namespace MlNetVision.Tests.Files;

public class ExperimentFileSchemaTests
{
    [Fact]
    public void Generate_EqualsTheShippedSchema()
    {
        var shipped = File.ReadAllText(Path.Combine(ExperimentFileReaderTests.RepositoryRoot(), ExperimentFileSchema.ShippedPath));

        // on failure: dotnet run --project experiments -- schema experiment --output experiments/schema/experiment.schema.json
        Assert.Equal(shipped, ExperimentFileSchema.Generate());
    }

    [Fact]
    public void Generate_EveryRecipeFieldHasATypeAndADescription()
    {
        using var schema = JsonDocument.Parse(ExperimentFileSchema.Generate());
        var recipe = schema.RootElement.GetProperty("properties").GetProperty("recipe").GetProperty("properties");

        Assert.Equal(ExperimentFileReader.RecipeFields.Keys.Order(), recipe.EnumerateObject().Select(p => p.Name).Order());
        foreach (var field in recipe.EnumerateObject())
        {
            Assert.True(field.Value.TryGetProperty("type", out _) || field.Value.TryGetProperty("enum", out _), field.Name);
            Assert.False(string.IsNullOrWhiteSpace(field.Value.GetProperty("description").GetString()), field.Name);
        }
        Assert.Contains("Passes over the training data", recipe.GetProperty("epochs").GetProperty("description").GetString());
    }

    [Fact]
    public void SchemaCommand_WritesTheSchema()
    {
        using var folder = new TempFolder();
        var log = new StringWriter();

        Assert.Equal(0, CommandLine.Run(["schema", "experiment", "--output", folder.Combine("s.json")], log, log));
        Assert.Equal(ExperimentFileSchema.Generate(), File.ReadAllText(folder.Combine("s.json")));
    }

    [Theory]
    [InlineData("fast-cnn-94-short.json")]
    [InlineData("simple-cnn-folder.json")]
    public void ShippedSchema_AcceptsTheExamples(string name)
    {
        var root = ExperimentFileReaderTests.RepositoryRoot();
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(root, ExperimentFileSchema.ShippedPath)));

        var result = schema.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "experiments", "examples", name))));

        Assert.True(result.IsValid, name);
    }

    [Theory]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "learningrat": 0.1 } }""")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "epochs": "3" } }""")]
    [InlineData("""{ "extends": "simple-cnm" }""")]
    [InlineData("""{ "extends": "simple-cnn", "recipe": { "optimizer": "adamm" } }""")]
    [InlineData("""{ "extends": "simple-cnn", "imageSize": 0 }""")]
    public void ShippedSchema_RejectsWhatTheReaderRejects(string json)
    {
        var schema = JsonSchema.FromText(ExperimentFileSchema.Generate());
        Assert.False(schema.Evaluate(JsonNode.Parse(json)).IsValid);
    }
}
