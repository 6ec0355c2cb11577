using System.Text.Json;
using System.Text.Json.Serialization;

namespace Voice.Media.Contracts;

/// <summary>The one JSON encoding of queue messages between the functions and the media-node.</summary>
public static class MediaContract
{
    /// <summary>Current contract version.</summary>
    public const int Version = 1;

    /// <summary>snake_case names, nulls omitted, enums as strings, "type" may appear anywhere.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(MediaCommand command) => JsonSerializer.Serialize(command, Json);

    public static string Serialize(MediaEvent mediaEvent) => JsonSerializer.Serialize(mediaEvent, Json);

    /// <summary>Parses a command; throws <see cref="JsonException"/> for malformed or unknown messages.</summary>
    public static MediaCommand DeserializeCommand(string json) =>
        JsonSerializer.Deserialize<MediaCommand>(json, Json) ?? throw new JsonException("null command");

    /// <summary>Parses an event; throws <see cref="JsonException"/> for malformed or unknown messages.</summary>
    public static MediaEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<MediaEvent>(json, Json) ?? throw new JsonException("null event");
}
