using System.Text.Json;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The one JSON encoding of lifecycle states, signals and effects, for hosts that persist snapshots (Durable
/// ContinueAsNew input, DevHost tables). It is the media contract's encoding (snake_case, string enums, nulls
/// omitted), since states and effects embed media commands and events; a round trip gives equal JSON.
/// </summary>
public static class LifecycleJson
{
    public static JsonSerializerOptions Options => MediaContract.Json;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a value written by <see cref="Serialize{T}"/>; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null {typeof(T).Name}");
}
