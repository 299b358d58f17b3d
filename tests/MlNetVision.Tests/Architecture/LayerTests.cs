namespace MlNetVision.Tests.Architecture;

/// <summary>
/// The layers of README "Layout", lowest first: a layer may use only layers listed before it, so no lower layer
/// references a higher one and no two layers reference each other. Read from the compiled assemblies (constants are
/// inlined by the compiler and so invisible here; everything else a type touches is seen).
/// </summary>
public class LayerTests
{
    /// <summary>Lowest first. The core library (src/MlNetVision), then the suite (src/MlNetVision.Suite), then the CLI.</summary>
    public static readonly string[] Order =
    [
        "MlNetVision.Infrastructure",
        "MlNetVision.Native",
        "MlNetVision.Evaluation",
        "MlNetVision.Data",
        "MlNetVision.Persistence",
        "MlNetVision.Models",
        "MlNetVision.Onnx",
        "MlNetVision.Pretrained",
        "MlNetVision.Registry",
        "MlNetVision.Training",
        "MlNetVision.Suite.Reporting",
        "MlNetVision.Suite.Benchmarks",
        "MlNetVision.Experiments.Definitions",
        "MlNetVision.Experiments.Running",
        "MlNetVision.Experiments.Files",
        "MlNetVision.Experiments.Sweeps",
        "MlNetVision.Experiments.Export",
        "MlNetVision.Experiments.Commands",
    ];

    private static readonly string[] Assemblies = ["MlNetVision.dll", "MlNetVision.Suite.dll", "MlNetVision.Experiments.dll"];

    private static NamespaceGraph Graph() =>
        NamespaceGraph.Read(Assemblies.Select(a => Path.Combine(AppContext.BaseDirectory, a)).ToArray());

    [Fact]
    public void EveryReference_PointsToALowerLayer()
    {
        var upward = Graph().Edges
            .Where(e => Array.IndexOf(Order, e.To) >= Array.IndexOf(Order, e.From))
            .Select(e => $"{e.From} -> {e.To}: {e.Example}")
            .ToList();

        Assert.True(upward.Count == 0, "References that point up or sideways:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void EveryLayer_IsListed()
    {
        var unlisted = Graph().Layers.Where(l => !Order.Contains(l)).ToList();

        Assert.True(unlisted.Count == 0, $"Layers missing from {nameof(Order)} (add them where they belong): {string.Join(", ", unlisted)}");
    }

    [Fact]
    public void CoreLibrary_ReferencesNoSuiteAssembly()
    {
        var core = System.Reflection.Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "MlNetVision.dll"));
        var references = core.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("MlNetVision.Suite", references);
        Assert.DoesNotContain("MlNetVision.Experiments", references);
        Assert.DoesNotContain(references, r => r!.StartsWith("OxyPlot", StringComparison.Ordinal));
    }

    [Fact]
    public void Graph_SeesAReferenceThroughAMethodBody()
    {
        // The check itself can fail: Training's trainer builds models through the registry inside a method body.
        Assert.Contains(Graph().Edges, e => e.From == "MlNetVision.Training" && e.To == "MlNetVision.Registry");
    }
}
