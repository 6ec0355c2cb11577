using System.Text.Json;
using Voice.Media.Contracts;

namespace Voice.MediaNode.Commands;

/// <summary>
/// The outcome of reading one <c>media-commands</c> message: a command, or why it is unusable plus whatever
/// ids could still be read from it (so the error event can name the call). Never throws.
/// </summary>
public sealed record CommandMessage(MediaCommand? Command, string? ErrorCode, string? ErrorMessage, string? CallId, string? CommandId)
{
    /// <summary>Error code for JSON that is not a command of a known type.</summary>
    public const string Malformed = "malformed_command";

    /// <summary>Error code for a command with a contract version this node does not know.</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>Reads <paramref name="text"/> as a media command.</summary>
    public static CommandMessage Read(string text)
    {
        var (callId, commandId, version) = ReadIds(text);
        if (version is { } v && v != MediaContract.Version)
        {
            return new CommandMessage(null, UnsupportedVersion, $"contract version {v} is not supported (this node speaks {MediaContract.Version})", callId, commandId);
        }

        try
        {
            var command = MediaContract.DeserializeCommand(text);
            return string.IsNullOrEmpty(command.Id) || string.IsNullOrEmpty(command.CallId)
                ? new CommandMessage(null, Malformed, "command without id or call_id", callId, commandId)
                : new CommandMessage(command, null, null, command.CallId, command.Id);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return new CommandMessage(null, Malformed, "not a media command: " + e.Message, callId, commandId);
        }
    }

    /// <summary>Best-effort top-level <c>call_id</c>, <c>id</c> and <c>v</c> of any JSON object.</summary>
    private static (string? CallId, string? CommandId, int? Version) ReadIds(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var root = document.RootElement;
            return (StringProperty(root, "call_id"), StringProperty(root, "id"),
                root.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
