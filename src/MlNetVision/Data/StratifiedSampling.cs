namespace MlNetVision.Data;

/// <summary>Seeded stratified draws over class labels: each class keeps its share, largest remainders get the leftover.</summary>
internal static class StratifiedSampling
{
    /// <summary>
    /// <paramref name="count"/> row indices drawn without replacement with <paramref name="seed"/>, each class's quota in
    /// proportion to its size; sorted ascending (the original order kept).
    /// </summary>
    public static List<int> Indices(IReadOnlyList<int> labels, int classCount, int count, int seed)
    {
        var byClass = new List<int>[classCount];
        for (int c = 0; c < classCount; c++) byClass[c] = [];
        for (int i = 0; i < labels.Count; i++) byClass[labels[i]].Add(i);
        var exact = byClass.Select(ix => (double)ix.Count * count / labels.Count).ToArray();
        var quota = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var c in Enumerable.Range(0, classCount).OrderByDescending(c => exact[c] - quota[c]).ThenBy(c => c)
                     .Take(count - quota.Sum()))
            quota[c]++;
        var random = new Random(seed);
        var chosen = new List<int>(count);
        for (int c = 0; c < classCount; c++)
        {
            var pool = byClass[c].ToArray();
            random.Shuffle(pool);
            chosen.AddRange(pool.Take(quota[c]));
        }
        chosen.Sort();
        return chosen;
    }

    /// <summary>The indices not in <paramref name="chosen"/> (sorted), in <c>[0, count)</c>.</summary>
    public static List<int> Complement(int count, IReadOnlyList<int> chosen)
    {
        var set = chosen.ToHashSet();
        return Enumerable.Range(0, count).Where(i => !set.Contains(i)).ToList();
    }
}
