using System.Text.Json;
using Voice.Api.Http;
using Voice.Core.Commands;

namespace Voice.Api.Telnyx;

/// <summary>
/// <c>transcription_start</c>: <c>transcription_engine</c> (every name the SDK knows; Azure runs on Azure AI Speech,
/// every other one on the node's default recognizer), <c>transcription_tracks</c> (inbound, outbound,
/// both), <c>language</c> and <c>interim_results</c>, also inside <c>transcription_engine_config</c> with its
/// <c>hints</c> and Google's <c>speech_context[].phrases</c> (expected phrases). Results come as <c>call.transcription</c> webhooks.
/// </summary>
public static class TelnyxTranscriptionFields
{
    // Every engine the official SDK (7.24) names.
    private static readonly string[] Engines =
        ["Google", "Telnyx", "Deepgram", "Azure", "xAI", "AssemblyAI", "Speechmatics", "Soniox", "Parakeet", "Humain", "Reson8", "Cohere", "A", "B"];
    private static readonly string[] Tracks = ["inbound", "outbound", "both"];

    public static CallCommand? Start(BodyFields f, JsonElement body, string commandId, string? clientState)
    {
        var engine = f.OneOf("transcription_engine", Engines) ?? "Google";
        var tracks = f.OneOf("transcription_tracks", Tracks) ?? "inbound";
        var config = f.Nested("transcription_engine_config");
        var configLanguage = config?.Text("language", maxLength: 16);
        var language = configLanguage ?? f.Text("language", maxLength: 16) ?? "en-US";

        // The error names the field that was given (a nested reader's errors carry its path and land in f).
        (configLanguage is null ? f : config!).Require(IsLanguage(language), "language", "'language' must be a BCP-47 tag such as en-US");
        var interim = config?.Flag("interim_results") ?? f.Flag("interim_results") ?? false;
        var hints = config?.TextList("hints", maxItems: 100, maxLength: 100, _ => null) ?? [];
        var contexts = config?.NestedList("speech_context", maxItems: 20) ?? [];
        hints = [.. hints, .. contexts.SelectMany(c => c.TextList("phrases", maxItems: 100, maxLength: 100, _ => null) ?? [])];
        if (f.Error is not null)
        {
            return null;
        }

        return new StartTranscription
        {
            CommandId = commandId,
            ClientState = clientState,
            Tracks = tracks,
            InterimResults = interim,
            Speech = new SpeechInput
            {
                Engine = engine == "Azure" ? "azure" : null,
                Language = language,
                Hints = hints,
                EndSilenceSeconds = 0.8,
                MaxDurationSeconds = 60,
            },
        };
    }

    private static bool IsLanguage(string tag) =>
        tag.Length is >= 2 and <= 16 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(tag[0]);
}
