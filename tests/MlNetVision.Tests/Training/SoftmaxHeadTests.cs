using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetVision.Training;

namespace MlNetVision.Tests.Training;

/// <summary>
/// Pins the two internal ML.NET constructors <see cref="SoftmaxHead"/> calls: if an ML.NET upgrade changes them, these
/// fail first, with the message users would see.
/// </summary>
public class SoftmaxHeadTests
{
    private static readonly string[] Classes = ["cat", "dog", "ship"];

    private sealed class LogitsRow
    {
        [VectorType(3)]
        public float[] Logits { get; set; } = [];
    }

    private static IDataView Rows(MLContext ml) => ml.Data.LoadFromEnumerable(new[]
    {
        new LogitsRow { Logits = [2f, -1f, 0.5f] },
        new LogitsRow { Logits = [-3f, 4f, 3.9f] },
        new LogitsRow { Logits = [0f, 0f, 7f] },
    });

    [Fact]
    public void Create_IsStockScorer_ScoreIsSoftmaxWithClassSlotNames_PredictedLabelIsArgMaxKey()
    {
        var ml = new MLContext(seed: 0);

        var rows = Rows(ml);
        var head = SoftmaxHead.Create(ml, Classes, rows.Schema["Logits"]);
        var scored = head.Transform(rows);

        Assert.IsType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>(head);
        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        Assert.Equal(Classes, slots.DenseValues().Select(s => s.ToString()));
        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["PredictedLabel"].GetKeyValues(ref keys);
        Assert.Equal(Classes, keys.DenseValues().Select(s => s.ToString()));
        var scores = scored.GetColumn<float[]>("Score").ToList();
        Assert.Equal([1u, 2u, 3u], scored.GetColumn<uint>("PredictedLabel"));
        float[][] logits = [[2f, -1f, 0.5f], [-3f, 4f, 3.9f], [0f, 0f, 7f]];
        for (int i = 0; i < 3; i++)
        {
            var exp = logits[i].Select(l => Math.Exp(l - logits[i].Max())).ToArray();
            for (int c = 0; c < 3; c++) Assert.Equal(exp[c] / exp.Sum(), scores[i][c], 2e-6);   // float32 softmax
        }
    }

    [Fact]
    public void Create_SavedAndLoadedInAFreshContext_ScoresTheSame()
    {
        var ml = new MLContext(seed: 0);
        var rows = Rows(ml);
        var head = SoftmaxHead.Create(ml, Classes, rows.Schema["Logits"]);
        using var zip = new MemoryStream();

        ml.Model.Save(head, rows.Schema, zip);
        zip.Position = 0;
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(zip, out _);

        Assert.Equal(head.Transform(rows).GetColumn<float[]>("Score"), loaded.Transform(Rows(fresh)).GetColumn<float[]>("Score"));
        Assert.Equal(head.Transform(rows).GetColumn<uint>("PredictedLabel"), loaded.Transform(Rows(fresh)).GetColumn<uint>("PredictedLabel"));
    }

    [Fact]
    public void Create_LogitsOfAnotherLength_ThrowsNamingTheColumn()
    {
        var ml = new MLContext(seed: 0);

        var error = Assert.Throws<ArgumentException>(() => SoftmaxHead.Create(ml, ["a", "b"], Rows(ml).Schema["Logits"]));

        Assert.Contains("'Logits' must be a vector of 2 floats", error.Message);
    }

    [Fact]
    public void Create_ThousandClasses_KeepsEveryName()
    {
        var ml = new MLContext(seed: 0);
        var names = Enumerable.Range(0, 1000).Select(i => $"class {i:D4}").ToArray();
        var logits = new float[1000];
        logits[737] = 5f;
        var definition = SchemaDefinition.Create(typeof(LogitsRow));
        definition["Logits"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1000);
        var rows = ml.Data.LoadFromEnumerable(new[] { new LogitsRow { Logits = logits } }, definition);

        var scored = SoftmaxHead.Create(ml, names, rows.Schema["Logits"]).Transform(rows);

        Assert.Equal(738u, scored.GetColumn<uint>("PredictedLabel").Single());
        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        Assert.Equal(names, slots.DenseValues().Select(s => s.ToString()));
    }
}
