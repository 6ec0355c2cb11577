using System.Text.Json.Serialization;

namespace Voice.Media.Contracts;

/// <summary>
/// An event from the media-node about one call. Delivered at least once and possibly out of order:
/// <see cref="Seq"/> increases by one per call, so a consumer drops repeats and reorders.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(IncomingCallEvent), "incoming_call")]
[JsonDerivedType(typeof(RingingEvent), "ringing")]
[JsonDerivedType(typeof(AnsweredEvent), "answered")]
[JsonDerivedType(typeof(HangupEvent), "hangup")]
[JsonDerivedType(typeof(PlaybackStartedEvent), "playback_started")]
[JsonDerivedType(typeof(PlaybackEndedEvent), "playback_ended")]
[JsonDerivedType(typeof(DtmfEvent), "dtmf")]
[JsonDerivedType(typeof(GatherEndedEvent), "gather_ended")]
[JsonDerivedType(typeof(RecordingSavedEvent), "recording_saved")]
[JsonDerivedType(typeof(StreamStartedEvent), "stream_started")]
[JsonDerivedType(typeof(StreamStoppedEvent), "stream_stopped")]
[JsonDerivedType(typeof(StreamFailedEvent), "stream_failed")]
[JsonDerivedType(typeof(MediaErrorEvent), "error")]
[JsonDerivedType(typeof(MachineDetectionEndedEvent), "machine_detection_ended")]
[JsonDerivedType(typeof(MachineGreetingEndedEvent), "machine_greeting_ended")]
[JsonDerivedType(typeof(ReferProgressEvent), "refer_progress")]
[JsonDerivedType(typeof(SipInfoReceivedEvent), "sip_info_received")]
[JsonDerivedType(typeof(TranscriptionEvent), "transcription")]
[JsonDerivedType(typeof(TranscriptionStoppedEvent), "transcription_stopped")]
public abstract record MediaEvent
{
    public int V { get; init; } = MediaContract.Version;

    /// <summary>Unique event id.</summary>
    public required string Id { get; init; }

    public required string CallId { get; init; }

    /// <summary>Per-call sequence number, starting at 1.</summary>
    public long Seq { get; init; }

    public DateTimeOffset Time { get; init; }

    /// <summary>The command this event answers, when it answers one.</summary>
    public string? CommandId { get; init; }
}

/// <summary>A new inbound call; the node has sent 180 and waits for answer/reject.</summary>
public sealed record IncomingCallEvent : MediaEvent
{
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>
    /// The INVITE's Request-URI: what inbound routing matches an application's SIP addresses against (To may name
    /// someone else after a proxy's retargeting). Null from a node that predates it; routing then uses <see cref="To"/>.
    /// </summary>
    public string? RequestUri { get; init; }

    public IReadOnlyDictionary<string, string> SipHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>The node run that received the call, as <c>{nodeId}/{incarnation}</c>: the call is that node's.</summary>
    public string? Node { get; init; }
}

public sealed record RingingEvent : MediaEvent
{
    /// <summary>True when the far end sent early media (183 with SDP).</summary>
    public bool EarlyMedia { get; init; }
}

public sealed record AnsweredEvent : MediaEvent;

/// <summary>The call ended.</summary>
public sealed record HangupEvent : MediaEvent
{
    /// <summary>normal, busy, no_answer, rejected, not_found, timeout, canceled, failed, shutdown.</summary>
    public required string Cause { get; init; }

    /// <summary>Final SIP status code when the call failed before answer (486, 480, 404, 408…).</summary>
    public int? SipCode { get; init; }

    /// <summary>"local" when we ended it, "remote" when the far end did.</summary>
    public string Side { get; init; } = "remote";
}

public sealed record PlaybackStartedEvent : MediaEvent;

public sealed record PlaybackEndedEvent : MediaEvent
{
    /// <summary>finished, stopped, barge_in, failed.</summary>
    public string Reason { get; init; } = "finished";
}

public sealed record DtmfEvent : MediaEvent
{
    public required string Digit { get; init; }

    public int DurationMs { get; init; }
}

public sealed record GatherEndedEvent : MediaEvent
{
    public required string Digits { get; init; }

    /// <summary>max_digits, terminator, timeout, hangup, stopped, speech.</summary>
    public required string Reason { get; init; }

    /// <summary>The speech input's result when the gather listened for speech; null otherwise.</summary>
    public SpeechInputResult? Speech { get; init; }
}

public sealed record RecordingSavedEvent : MediaEvent
{
    public required string RecordingId { get; init; }

    public required string BlobUrl { get; init; }

    public long DurationMs { get; init; }

    public int Channels { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>The saved file's format (<see cref="RecordingFormats"/>); events without it are wav.</summary>
    public string Format { get; init; } = RecordingFormats.Wav;

    /// <summary>Why the format the record command asked for could not be made, so the WAV was saved instead; null otherwise.</summary>
    public string? FormatError { get; init; }
}

public sealed record MediaErrorEvent : MediaEvent
{
    public required string Code { get; init; }

    public required string Message { get; init; }
}

/// <summary>Who answered, from a detect_machine command (<see cref="MediaEvent.CommandId"/>).</summary>
public sealed record MachineDetectionEndedEvent : MediaEvent
{
    /// <summary>human, machine or not_sure (<see cref="MachineDetectionModes"/>).</summary>
    public required string Result { get; init; }

    /// <summary>Audio analysed before the decision (ms from the start of detection).</summary>
    public long DurationMs { get; init; }
}

/// <summary>How a machine's greeting ended, from a detect_machine command in detect_beep or greeting_end mode.</summary>
public sealed record MachineGreetingEndedEvent : MediaEvent
{
    /// <summary>beep_detected, ended or not_sure (<see cref="MachineDetectionModes"/>).</summary>
    public required string Result { get; init; }

    /// <summary>Audio analysed before the decision (ms from the start of detection).</summary>
    public long DurationMs { get; init; }
}

/// <summary>
/// How a refer command goes, in order: once the peer accepted the REFER (<see cref="Status"/> 202, no sipfrag), then
/// each provisional status the peer reported (100, 180…), then one event with <see cref="Final"/> and
/// <see cref="Result"/>. A refused REFER gives only the final event, with the REFER's own status.
/// </summary>
public sealed record ReferProgressEvent : MediaEvent
{
    /// <summary>The sipfrag's status; the REFER's response status for the accepted event and for a refusal; 0 when there is none (call ended, timeout before any NOTIFY).</summary>
    public int Status { get; init; }

    /// <summary>True for the last event of the refer.</summary>
    public bool Final { get; init; }

    /// <summary>The sipfrag status line as the peer sent it ("SIP/2.0 180 Ringing"); null when the event reports no NOTIFY.</summary>
    public string? Sipfrag { get; init; }

    /// <summary>With <see cref="Final"/>: succeeded, failed (the target refused or was unreachable), refused (the peer refused the REFER), timeout, call_ended.</summary>
    public string? Result { get; init; }
}

/// <summary>The peer sent a SIP INFO in the call (answered 200).</summary>
public sealed record SipInfoReceivedEvent : MediaEvent
{
    /// <summary>Its Content-Type; null when it had no body.</summary>
    public string? ContentType { get; init; }

    /// <summary>Its body as UTF-8 text (invalid bytes replaced).</summary>
    public string Body { get; init; } = "";
}
