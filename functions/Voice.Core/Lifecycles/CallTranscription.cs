using System.Text.Json.Nodes;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Speech on a call: a gather's and a transcription's settings in the node's terms, and the node's transcription
/// events as <see cref="VoiceEventTypes.CallTranscription"/> (every final and partial result; the final ones are the
/// call's transcript) and <see cref="VoiceEventTypes.CallTranscriptionStopped"/>.
/// </summary>
internal static class CallTranscription
{
    public static SpeechSettings ToMedia(SpeechInput speech) => new()
    {
        Engine = speech.Engine,
        Language = speech.Language,
        Hints = speech.Hints,
        EndSilenceSeconds = speech.EndSilenceSeconds,
        MaxDurationSeconds = speech.MaxDurationSeconds,
    };

    public static StartTranscriptionCommand ToMedia(StartTranscription start, string id, string callId, DateTimeOffset now) => new()
    {
        Id = id,
        CallId = callId,
        IssuedAt = now,
        Speech = ToMedia(start.Speech),
        Tracks = start.Tracks,
        InterimResults = start.InterimResults,
    };

    public static void OnMediaEvent(CallStep step, MediaEvent mediaEvent)
    {
        switch (mediaEvent)
        {
            case TranscriptionEvent transcript:
                step.Publish(VoiceEventTypes.CallTranscription, new()
                {
                    ["track"] = transcript.Track,
                    ["transcript"] = transcript.Text,
                    ["is_final"] = transcript.IsFinal,
                    ["confidence"] = transcript.Confidence,
                    ["start_ms"] = transcript.StartMs,
                    ["duration_ms"] = transcript.DurationMs,
                });
                if (transcript.IsFinal)
                {
                    step.Emit(id => new SaveTranscriptSegment
                    {
                        Id = id,
                        Segment = new TranscriptSegment
                        {
                            AccountId = step.Call.AccountId,
                            CallId = step.Call.Id,
                            Id = transcript.Id,
                            Track = transcript.Track,
                            Text = transcript.Text,
                            Confidence = transcript.Confidence,
                            StartMs = transcript.StartMs,
                            DurationMs = transcript.DurationMs,
                            At = transcript.Time,
                        },
                    });
                }

                break;
            case TranscriptionStoppedEvent stopped:
                step.Publish(VoiceEventTypes.CallTranscriptionStopped, new() { ["reason"] = stopped.Reason, ["error"] = stopped.Error });
                break;
        }
    }

    /// <summary>The data of <see cref="VoiceEventTypes.CallGatherEnded"/>: digits, reason, and speech when the gather listened for it.</summary>
    public static JsonObject GatherEnded(GatherEndedEvent gather)
    {
        var data = new JsonObject { ["digits"] = gather.Digits, ["reason"] = gather.Reason };
        if (SpeechResult(gather.Speech) is { } speech)
        {
            data["speech"] = speech;
        }

        return data;
    }

    /// <summary>A gather's speech result as event data: results (text, confidence), timeout_reason, error.</summary>
    public static JsonObject? SpeechResult(SpeechInputResult? speech, bool confidenceAsText = false) => speech is null ? null : new JsonObject
    {
        ["timeout_reason"] = speech.EndReason,
        ["results"] = new JsonArray([.. speech.Results.Select(r => (JsonNode)new JsonObject
        {
            ["text"] = r.Text,

            // Vonage's input event gives the confidence as a string.
            ["confidence"] = confidenceAsText ? JsonValue.Create(r.Confidence.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(r.Confidence),
        })]),
        ["error"] = speech.Error,
    };
}
