using System.Text.Json;
using Voice.Api.Http;
using Voice.Core.Commands;
using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Telnyx;

/// <summary>
/// The call actions (<c>POST /v2/calls/{id}/actions/{action}</c>) this server runs, each read from Telnyx's fields into
/// the engine's <see cref="CallCommand"/> (compat-notes §A.3). A field error is recorded in the <see cref="BodyFields"/>
/// (422 naming its JSON pointer) and the reader returns null.
/// </summary>
public static class TelnyxCallActions
{
    private const string GatherDigits = "0123456789ABCD*#";
    private const int MaxDigitsLimit = 128;

    private static readonly string[] RejectCauses = ["CALL_REJECTED", "USER_BUSY"];
    private static readonly string[] RecordFormats = ["wav", "mp3"];
    private static readonly string[] RecordChannels = ["single", "dual"];

    /// <summary>Action name → reader. Names as in Telnyx's paths.</summary>
    public static IReadOnlyDictionary<string, Func<BodyFields, JsonElement, string, string?, CallCommand?>> Readers { get; } =
        new Dictionary<string, Func<BodyFields, JsonElement, string, string?, CallCommand?>>(StringComparer.Ordinal)
        {
            ["answer"] = Answer,
            ["hangup"] = (_, _, id, state) => new HangupCall { CommandId = id, ClientState = state },
            ["reject"] = Reject,
            ["speak"] = Speak,
            ["playback_start"] = Playback,
            ["playback_stop"] = (_, _, id, state) => new StopPlayback { CommandId = id, ClientState = state },
            ["gather"] = (f, _, id, state) => Gather(f, id, state, null),
            ["gather_using_speak"] = GatherUsingSpeak,
            ["gather_using_audio"] = GatherUsingAudio,
            ["gather_stop"] = (_, _, id, state) => new StopGather { CommandId = id, ClientState = state },
            ["send_dtmf"] = SendDtmf,
            ["record_start"] = RecordStart,
            ["record_stop"] = (_, _, id, state) => new StopRecording { CommandId = id, ClientState = state },
            ["record_pause"] = (_, _, id, state) => new PauseRecording { CommandId = id, ClientState = state },
            ["record_resume"] = (_, _, id, state) => new ResumeRecording { CommandId = id, ClientState = state },
            ["bridge"] = Bridge,
            ["transfer"] = Transfer,
            ["enqueue"] = Enqueue,
            ["leave_queue"] = (_, _, id, state) => new LeaveQueueCall { CommandId = id, ClientState = state },
            ["streaming_start"] = (f, _, id, state) => TelnyxStreamingFields.Read(f, id, state, required: true),
            ["streaming_stop"] = StreamingStop,
            ["client_state_update"] = ClientStateUpdate,
            ["refer"] = TelnyxReferActions.Refer,
            ["send_sip_info"] = TelnyxReferActions.SendSipInfo,
            ["transcription_start"] = TelnyxTranscriptionFields.Start,
            ["transcription_stop"] = (_, _, id, state) => new StopTranscription { CommandId = id, ClientState = state },
        };

    /// <summary>Answer; with <c>stream_url</c> the stream starts once the call is answered (the call record fills its start fields later).</summary>
    private static AnswerCall? Answer(BodyFields f, JsonElement body, string id, string? state)
    {
        var stream = TelnyxStreamingFields.Read(f, id + ":stream", state, required: false);
        return f.Error is null ? new AnswerCall { CommandId = id, ClientState = state, Then = stream is null ? [] : [stream] } : null;
    }

    private static StopStreaming? StreamingStop(BodyFields f, JsonElement body, string id, string? state)
    {
        var streamId = f.Text("stream_id", maxLength: 64);
        f.Require(streamId is null || Guid.TryParseExact(streamId, "D", out _), "stream_id", "'stream_id' must be the UUID of a stream of this call");
        return f.Error is null ? new StopStreaming { CommandId = id, ClientState = state, StreamId = streamId } : null;
    }

    private static RejectCall? Reject(BodyFields f, JsonElement body, string id, string? state)
    {
        var cause = f.Text("cause", required: true, maxLength: 32);
        f.Require(cause is null || RejectCauses.Contains(cause), "cause", "'cause' must be one of: CALL_REJECTED, USER_BUSY");
        return f.Error is null ? new RejectCall { CommandId = id, ClientState = state, Cause = cause == "USER_BUSY" ? "busy" : "rejected" } : null;
    }

    private static SpeakText? Speak(BodyFields f, JsonElement body, string id, string? state)
    {
        var (text, voice) = TelnyxMediaFields.Speech(f);
        return f.Error is null ? new SpeakText { CommandId = id, ClientState = state, Text = text!, Voice = voice } : null;
    }

    private static PlayAudio? Playback(BodyFields f, JsonElement body, string id, string? state)
    {
        var url = TelnyxMediaFields.AudioUrl(f, required: true);
        var loop = TelnyxMediaFields.Loop(f, body);
        return f.Error is null ? new PlayAudio { CommandId = id, ClientState = state, Url = url!, Loop = loop } : null;
    }

    private static GatherDigits? GatherUsingSpeak(BodyFields f, JsonElement body, string id, string? state)
    {
        var (text, voice) = TelnyxMediaFields.Speech(f);
        return f.Error is null ? Gather(f, id, state, new GatherPromptSpec(text, null, voice)) : null;
    }

    private static GatherDigits? GatherUsingAudio(BodyFields f, JsonElement body, string id, string? state)
    {
        var url = TelnyxMediaFields.AudioUrl(f, required: true);
        return f.Error is null ? Gather(f, id, state, new GatherPromptSpec(null, url)) : null;
    }

    private static GatherDigits? Gather(BodyFields f, string id, string? state, GatherPromptSpec? prompt)
    {
        var min = f.WholeNumber("minimum_digits", 1, MaxDigitsLimit) ?? 1;
        var max = f.WholeNumber("maximum_digits", 1, MaxDigitsLimit) ?? MaxDigitsLimit;
        f.Require(min <= max, "minimum_digits", "'minimum_digits' must not exceed 'maximum_digits'");
        var timeout = f.WholeNumber("timeout_millis", 1, 600_000) ?? 60_000;
        var interDigit = f.WholeNumber("inter_digit_timeout_millis", 1, 120_000) ?? 5_000;
        var initial = f.WholeNumber("initial_timeout_millis", 1, 600_000);
        var terminator = f.Text("terminating_digit", maxLength: 1) ?? "#";
        f.Require(terminator.Length == 1 && GatherDigits.Contains(terminator, StringComparison.Ordinal), "terminating_digit", "'terminating_digit' must be one of 0-9, A-D, * or #");
        var valid = f.Text("valid_digits", maxLength: 16) ?? "0123456789#*";
        f.Require(valid.All(c => GatherDigits.Contains(c, StringComparison.Ordinal)), "valid_digits", "'valid_digits' may only hold 0-9, A-D, * and #");
        f.Text("gather_id", maxLength: 256);
        return f.Error is null
            ? new GatherDigits
            {
                CommandId = id,
                ClientState = state,
                Prompts = prompt is null ? [] : [prompt],
                MinDigits = min,
                MaxDigits = max,
                Terminators = terminator,
                ValidDigits = valid,
                TimeoutSeconds = (initial ?? timeout) / 1000.0,
                InterDigitTimeoutSeconds = interDigit / 1000.0,
            }
            : null;
    }

    private static SendDigits? SendDtmf(BodyFields f, JsonElement body, string id, string? state)
    {
        var (tones, duration) = TelnyxDtmfFields.Read(f);
        return f.Error is null ? new SendDigits { CommandId = id, ClientState = state, Digits = tones!, DurationMs = duration } : null;
    }

    private static StartRecording? RecordStart(BodyFields f, JsonElement body, string id, string? state)
    {
        var format = f.OneOf("format", RecordFormats);
        f.Require(f.Error is not null || format is not null, "format", "'format' is required (wav or mp3)");
        var channels = f.OneOf("channels", RecordChannels);
        f.Require(f.Error is not null || channels is not null, "channels", "'channels' is required (single or dual)");
        var maxLength = f.WholeNumber("max_length", 0, 14_400) ?? 0;
        f.Flag("play_beep");
        return f.Error is null ? new StartRecording { CommandId = id, ClientState = state, Channels = channels == "dual" ? 2 : 1, MaxSeconds = maxLength, Format = format ?? "wav" } : null;
    }

    private static BridgeCalls? Bridge(BodyFields f, JsonElement body, string id, string? state)
    {
        // Bridging with a queue means with its first call; the SDK's types still want call_control_id_to_bridge_with,
        // so an empty one goes with a queue.
        var queue = TelnyxQueueFields.Name(f, "queue", required: false);
        var other = f.Text("call_control_id", required: queue is null, maxLength: 64);
        if (queue is not null)
        {
            f.Require(string.IsNullOrEmpty(other), "queue", "'queue' and 'call_control_id' can't be used together: give one");
            return f.Error is null ? new BridgeCalls { CommandId = id, ClientState = state, OtherCallId = "", QueueName = queue } : null;
        }

        var otherCallId = "";
        f.Require(other is null || TelnyxIds.TryParseCallControlId(other, out otherCallId), "call_control_id", "'call_control_id' must be a call control id (v3:…)");
        return f.Error is null ? new BridgeCalls { CommandId = id, ClientState = state, OtherCallId = otherCallId } : null;
    }

    private static EnqueueCall? Enqueue(BodyFields f, JsonElement body, string id, string? state)
    {
        var queue = TelnyxQueueFields.Name(f, "queue_name", required: true);
        var maxSize = TelnyxQueueFields.MaxSize(f);
        var maxWait = f.WholeNumber("max_wait_time_secs", 1, 24 * 3600) ?? 0;
        var keep = f.Flag("keep_after_hangup");
        f.Require(keep != true, "keep_after_hangup", "'keep_after_hangup': true is not supported: a call leaves its queue when it hangs up");
        var hold = TelnyxQueueHoldFields.Read(f);
        return f.Error is null
            ? new EnqueueCall { CommandId = id, ClientState = state, QueueName = queue!, MaxSize = maxSize, MaxWaitSeconds = maxWait, Hold = hold }
            : null;
    }

    private static TransferCall? Transfer(BodyFields f, JsonElement body, string id, string? state)
    {
        var to = f.Text("to", required: true, maxLength: 256);
        f.Require(to is null || E164Number.IsValid(to) || DialableSipUri.IsValid(to), "to", "'to' must be a +E.164 number or a sip: URI");
        var from = f.Text("from", maxLength: 16);
        f.Require(from is null || E164Number.IsValid(from), "from", "'from' must be a +E.164 number");
        var timeout = f.WholeNumber("timeout_secs", 5, 600) ?? 30;
        var detect = TelnyxMachineDetection.Read(f, id + ":answering_machine_detection");
        return f.Error is null ? new TransferCall { CommandId = id, ClientState = state, To = to!, From = from, TimeoutSeconds = timeout, MachineDetection = detect } : null;
    }

    private static UpdateClientState? ClientStateUpdate(BodyFields f, JsonElement body, string id, string? state)
    {
        f.Require(f.Error is not null || state is not null, "client_state", "'client_state' is required");
        return f.Error is null ? new UpdateClientState { CommandId = id, ClientState = state } : null;
    }
}
