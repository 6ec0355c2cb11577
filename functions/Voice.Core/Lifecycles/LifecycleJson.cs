using System.Text.Json;
using System.Text.Json.Serialization;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The one JSON encoding of lifecycle states, signals and effects, for hosts that persist snapshots (Durable
/// ContinueAsNew input, DevHost tables). snake_case, string enums; a round trip gives an equal value.
/// </summary>
public static class LifecycleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a value written by <see cref="Serialize{T}"/>; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null {typeof(T).Name}");
}
