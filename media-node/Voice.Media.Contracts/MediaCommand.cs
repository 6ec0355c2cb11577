using System.Text.Json.Serialization;

namespace Voice.Media.Contracts;

/// <summary>
/// A command to the media-node. Delivered at least once: the node executes each <see cref="Id"/> once
/// and acknowledges a repeat without acting again.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(DialCommand), "dial")]
[JsonDerivedType(typeof(AnswerCommand), "answer")]
[JsonDerivedType(typeof(RejectCommand), "reject")]
[JsonDerivedType(typeof(HangupCommand), "hangup")]
[JsonDerivedType(typeof(PlayCommand), "play")]
[JsonDerivedType(typeof(SayCommand), "say")]
[JsonDerivedType(typeof(StopMediaCommand), "stop_media")]
[JsonDerivedType(typeof(GatherCommand), "gather")]
[JsonDerivedType(typeof(RecordCommand), "record")]
[JsonDerivedType(typeof(StopRecordCommand), "stop_record")]
[JsonDerivedType(typeof(PauseRecordCommand), "pause_record")]
[JsonDerivedType(typeof(ResumeRecordCommand), "resume_record")]
[JsonDerivedType(typeof(SendDtmfCommand), "send_dtmf")]
[JsonDerivedType(typeof(BridgeCommand), "bridge")]
[JsonDerivedType(typeof(UnbridgeCommand), "unbridge")]
[JsonDerivedType(typeof(JoinConferenceCommand), "join_conference")]
[JsonDerivedType(typeof(LeaveConferenceCommand), "leave_conference")]
[JsonDerivedType(typeof(UpdateParticipantCommand), "update_participant")]
[JsonDerivedType(typeof(SetCallAudioCommand), "set_call_audio")]
[JsonDerivedType(typeof(StartStreamCommand), "start_stream")]
[JsonDerivedType(typeof(StopStreamCommand), "stop_stream")]
[JsonDerivedType(typeof(DetectMachineCommand), "detect_machine")]
[JsonDerivedType(typeof(ReferCommand), "refer")]
[JsonDerivedType(typeof(SendSipInfoCommand), "send_sip_info")]
[JsonDerivedType(typeof(StartTranscriptionCommand), "start_transcription")]
[JsonDerivedType(typeof(StopTranscriptionCommand), "stop_transcription")]
public abstract record MediaCommand
{
    /// <summary>Contract version; the node rejects versions it does not know with an error event.</summary>
    public int V { get; init; } = MediaContract.Version;

    /// <summary>Unique command id (idempotency key).</summary>
    public required string Id { get; init; }

    /// <summary>The call leg the command applies to.</summary>
    public required string CallId { get; init; }

    /// <summary>When the command was issued (UTC).</summary>
    public DateTimeOffset IssuedAt { get; init; }
}

/// <summary>Place an outbound call.</summary>
public sealed record DialCommand : MediaCommand
{
    /// <summary>E.164 number or sip: URI.</summary>
    public required string To { get; init; }

    /// <summary>Caller id (E.164 or sip: URI).</summary>
    public required string From { get; init; }

    /// <summary>Seconds to ring before giving up with a no-answer hangup.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>Extra SIP headers to send (X- headers only).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}

/// <summary>Answer a ringing inbound call.</summary>
public sealed record AnswerCommand : MediaCommand;

/// <summary>Reject a ringing inbound call.</summary>
public sealed record RejectCommand : MediaCommand
{
    /// <summary>"busy" (486), "rejected" (603), "unavailable" (480) or "not_found" (404: no such number here).</summary>
    public string Reason { get; init; } = "rejected";
}

/// <summary>End a call in any state (CANCEL before answer, BYE after).</summary>
public sealed record HangupCommand : MediaCommand
{
    /// <summary>Why the call is ended, reported back in the hangup event.</summary>
    public string Reason { get; init; } = "normal";
}

/// <summary>Play an audio file (WAV 8/16 kHz PCM or μ-law) from a URL or blob.</summary>
public sealed record PlayCommand : MediaCommand
{
    public required string Url { get; init; }

    /// <summary>Times to play; 0 plays until stopped.</summary>
    public int Loop { get; init; } = 1;

    /// <summary>Whether a DTMF digit stops the playback.</summary>
    public bool BargeIn { get; init; }
}

/// <summary>Speak text with TTS.</summary>
public sealed record SayCommand : MediaCommand
{
    public required string Text { get; init; }

    public string Voice { get; init; } = "en-us";

    /// <summary>Words per minute.</summary>
    public int Rate { get; init; } = 160;

    public int Loop { get; init; } = 1;

    public bool BargeIn { get; init; }
}

/// <summary>Stop any playback or TTS on the call.</summary>
public sealed record StopMediaCommand : MediaCommand;

/// <summary>A prompt played by a gather: either text to speak or a URL to play.</summary>
public sealed record GatherPrompt
{
    public string? Text { get; init; }

    public string? Url { get; init; }

    public string Voice { get; init; } = "en-us";
}

/// <summary>
/// Collect DTMF digits and/or speech, running entirely on the node; ends with a gather_ended event. With
/// <see cref="Speech"/> the node listens from the start: speech stops the prompts (barge-in) and holds the timeout
/// while it lasts, and its result ends the gather (reason <c>speech</c>); a digit ends the listening instead.
/// </summary>
public sealed record GatherCommand : MediaCommand
{
    public IReadOnlyList<GatherPrompt> Prompts { get; init; } = [];

    /// <summary>False: speech only, digits are ignored.</summary>
    public bool Dtmf { get; init; } = true;

    /// <summary>Speech input; null: digits only.</summary>
    public SpeechSettings? Speech { get; init; }

    public int MaxDigits { get; init; } = 4;

    /// <summary>Digits that end the gather (not included in the result).</summary>
    public string Terminators { get; init; } = "#";

    /// <summary>Seconds to wait for the first digit after the prompts end.</summary>
    public double TimeoutSeconds { get; init; } = 3;

    /// <summary>Seconds to wait between digits.</summary>
    public double InterDigitTimeoutSeconds { get; init; } = 3;
}

/// <summary>Start recording the call.</summary>
public sealed record RecordCommand : MediaCommand
{
    public required string RecordingId { get; init; }

    /// <summary>1 = mono mix, 2 = caller left, callee right.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>Stop after this many seconds (0 = no limit).</summary>
    public int MaxSeconds { get; init; }

    /// <summary>The saved file's format, one of <see cref="RecordingFormats"/>; messages without it mean wav.</summary>
    public string Format { get; init; } = RecordingFormats.Wav;

    /// <summary>Stop after the far end has been silent this long (Vonage's endOnSilence); null: never.</summary>
    public int? EndOnSilenceSeconds { get; init; }

    /// <summary>Play a short beep to the far end as the recording starts (Vonage's beepStart).</summary>
    public bool BeepStart { get; init; }
}

public sealed record StopRecordCommand : MediaCommand;

public sealed record PauseRecordCommand : MediaCommand;

public sealed record ResumeRecordCommand : MediaCommand;

/// <summary>Send RFC 4733 DTMF digits.</summary>
public sealed record SendDtmfCommand : MediaCommand
{
    public required string Digits { get; init; }

    public int DurationMs { get; init; } = 100;
}

/// <summary>Bridge this call's audio with another call's.</summary>
public sealed record BridgeCommand : MediaCommand
{
    public required string OtherCallId { get; init; }
}

public sealed record UnbridgeCommand : MediaCommand;

/// <summary>Join a conference mix.</summary>
public sealed record JoinConferenceCommand : MediaCommand
{
    public required string ConferenceId { get; init; }

    public bool Muted { get; init; }

    public bool Deaf { get; init; }

    /// <summary>When set, only this call (in the same conference) hears this participant.</summary>
    public string? CoachCallId { get; init; }
}

public sealed record LeaveConferenceCommand : MediaCommand;

public sealed record UpdateParticipantCommand : MediaCommand
{
    public bool? Muted { get; init; }

    public bool? Deaf { get; init; }

    public string? CoachCallId { get; init; }
}

/// <summary>
/// The call's own audio switches (Vonage mute/earmuff), kept by the leg whatever mix it is in: muted, what the caller
/// says reaches no bridge or conference; deaf, the caller hears no bridge or conference (prompts still play). A mix's
/// own muted/deaf (a conference's) add to these. Null leaves a switch as it is.
/// </summary>
public sealed record SetCallAudioCommand : MediaCommand
{
    public bool? Muted { get; init; }

    public bool? Deaf { get; init; }
}

/// <summary>
/// Answering-machine detection on the received audio of an answered call: reports machine_detection_ended
/// (human, machine, not_sure) and, after a machine, machine_greeting_ended per <see cref="Mode"/>. Null thresholds
/// take the node's defaults. A new detect_machine replaces a running one; hangup ends it.
/// </summary>
public sealed record DetectMachineCommand : MediaCommand
{
    /// <summary>"detect" (who answered only), "detect_beep" (also the greeting end, reported only for a beep), "greeting_end" (also the greeting end: beep_detected, ended or not_sure).</summary>
    public string Mode { get; init; } = MachineDetectionModes.Detect;

    /// <summary>Longest time to decide who answered (ms).</summary>
    public int? TotalAnalysisTimeMs { get; init; }

    /// <summary>Silence after a short greeting that makes it a human (ms).</summary>
    public int? AfterGreetingSilenceMs { get; init; }

    /// <summary>Longest human greeting (ms); longer is a machine.</summary>
    public int? GreetingDurationMs { get; init; }

    /// <summary>Silence before any speech that makes it a machine (ms); null: silence is not_sure.</summary>
    public int? InitialSilenceMs { get; init; }

    /// <summary>Pause that separates words (ms).</summary>
    public int? BetweenWordsSilenceMs { get; init; }

    /// <summary>Longest single word or utterance of a human (ms).</summary>
    public int? MaximumWordLengthMs { get; init; }

    /// <summary>More words than this make a machine.</summary>
    public int? MaximumNumberOfWords { get; init; }

    /// <summary>Mean absolute level (0..32767) below which audio is silence.</summary>
    public int? SilenceThreshold { get; init; }

    /// <summary>Silence that ends a machine's greeting when no beep came (ms).</summary>
    public int? GreetingSilenceDurationMs { get; init; }

    /// <summary>Longest wait for a machine's greeting to end, from the machine decision (ms).</summary>
    public int? GreetingTotalAnalysisTimeMs { get; init; }

    /// <summary>Lowest beep frequency (Hz).</summary>
    public int? BeepMinFrequencyHz { get; init; }

    /// <summary>Highest beep frequency (Hz).</summary>
    public int? BeepMaxFrequencyHz { get; init; }

    /// <summary>Shortest beep (ms).</summary>
    public int? BeepMinToneDurationMs { get; init; }

    /// <summary>Share of a frame's energy (0..1) at the beep's frequency.</summary>
    public double? BeepMinPurity { get; init; }
}

/// <summary>The modes of <see cref="DetectMachineCommand"/> and the results of its events.</summary>
public static class MachineDetectionModes
{
    public const string Detect = "detect";
    public const string DetectBeep = "detect_beep";
    public const string GreetingEnd = "greeting_end";

    public const string Human = "human";
    public const string Machine = "machine";
    public const string NotSure = "not_sure";

    public const string BeepDetected = "beep_detected";
    public const string Ended = "ended";
}

/// <summary>
/// Blind transfer: ask the peer of the answered call, with a SIP REFER, to call <see cref="Target"/>. The node reports
/// refer_progress events (<see cref="ReferProgressEvent"/>) and, when the transfer succeeds, ends the call (BYE)
/// unless the peer already did.
/// </summary>
public sealed record ReferCommand : MediaCommand
{
    /// <summary>A sip: or sips: URI without URI headers of its own.</summary>
    public required string Target { get; init; }

    /// <summary>Headers the peer is to copy into its INVITE to the target (e.g. User-to-User), sent inside Refer-To.</summary>
    public IReadOnlyDictionary<string, string>? TargetHeaders { get; init; }

    /// <summary>Extra headers on the REFER itself (X- headers only; others are dropped).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}

/// <summary>Send a SIP INFO with <see cref="Body"/> (UTF-8, at most 1,400 bytes) of <see cref="ContentType"/> in the answered call.</summary>
public sealed record SendSipInfoCommand : MediaCommand
{
    public required string ContentType { get; init; }

    public required string Body { get; init; }
}
