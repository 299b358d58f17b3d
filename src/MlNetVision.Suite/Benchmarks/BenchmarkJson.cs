using System.Text.Json;

namespace MlNetVision.Suite.Benchmarks;

/// <summary>The benchmark lines' JSON: one object per line, snake_case names as the PyTorch peer writes them.</summary>
public static class BenchmarkJson
{
    /// <summary>Serializer options: snake_case_lower names, compact.</summary>
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>One line of JSON.</summary>
    public static string Line<T>(T value) => JsonSerializer.Serialize(value, Options);
}
