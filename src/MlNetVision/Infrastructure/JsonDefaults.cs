using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetVision.Infrastructure;

/// <summary>The JSON settings of every file MlNetVision writes (zip metadata, run settings, reports): camelCase,
/// enums as camelCase strings, indented, NaN and infinities as named literals.</summary>
internal static class JsonDefaults
{
    /// <summary>The serializer settings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
