using System.Text.Json.Serialization;

namespace Voice.Core.Commands;

/// <summary>
/// A command on a live call, whatever dialect asked for it (a Telnyx action, a Telefon call update, a call-flow
/// action). <see cref="CommandId"/> makes it idempotent: a call applies each id once, so an API client's retry or a
/// repeated queue message changes nothing. <see cref="ClientState"/>, when given, replaces the call's client state
/// (echoed in every later event).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(AnswerCall), "answer")]
[JsonDerivedType(typeof(RejectCall), "reject")]
[JsonDerivedType(typeof(HangupCall), "hangup")]
[JsonDerivedType(typeof(SpeakText), "speak")]
[JsonDerivedType(typeof(PlayAudio), "play")]
[JsonDerivedType(typeof(StopPlayback), "stop_playback")]
[JsonDerivedType(typeof(GatherDigits), "gather")]
[JsonDerivedType(typeof(StopGather), "stop_gather")]
[JsonDerivedType(typeof(SendDigits), "send_dtmf")]
[JsonDerivedType(typeof(StartRecording), "record_start")]
[JsonDerivedType(typeof(StopRecording), "record_stop")]
[JsonDerivedType(typeof(PauseRecording), "record_pause")]
[JsonDerivedType(typeof(ResumeRecording), "record_resume")]
[JsonDerivedType(typeof(BridgeCalls), "bridge")]
[JsonDerivedType(typeof(UnbridgeCall), "unbridge")]
[JsonDerivedType(typeof(TransferCall), "transfer")]
[JsonDerivedType(typeof(JoinConferenceCall), "conference_join")]
[JsonDerivedType(typeof(LeaveConferenceCall), "conference_leave")]
[JsonDerivedType(typeof(EnqueueCall), "enqueue")]
[JsonDerivedType(typeof(LeaveQueueCall), "leave_queue")]
[JsonDerivedType(typeof(UpdateClientState), "client_state_update")]
[JsonDerivedType(typeof(StartStreaming), "streaming_start")]
[JsonDerivedType(typeof(StopStreaming), "streaming_stop")]
[JsonDerivedType(typeof(DetectMachine), "detect_machine")]
[JsonDerivedType(typeof(ReferCall), "refer")]
[JsonDerivedType(typeof(SendSipInfo), "send_sip_info")]
[JsonDerivedType(typeof(StartTranscription), "transcription_start")]
[JsonDerivedType(typeof(StopTranscription), "transcription_stop")]
[JsonDerivedType(typeof(ReplaceCallFlow), "replace_call_flow")]
[JsonDerivedType(typeof(SubscribeDtmf), "subscribe_dtmf")]
[JsonDerivedType(typeof(SetCallAudio), "set_call_audio")]
public abstract record CallCommand
{
    /// <summary>The client's command id, or one the dialect made up (unique per call).</summary>
    public required string CommandId { get; init; }

    /// <summary>Opaque state the client wants echoed in later events (Telnyx: base64); null leaves it as it is.</summary>
    public string? ClientState { get; init; }
}

/// <summary>Answer a ringing inbound call; <see cref="Then"/> run once it is answered (Telnyx answer's stream_url).</summary>
public sealed record AnswerCall : CallCommand
{
    public System.Collections.Immutable.ImmutableList<CallCommand> Then { get; init; } = [];
}

/// <summary>Refuse a ringing inbound call; <see cref="Cause"/> is <c>busy</c> (486) or <c>rejected</c> (603).</summary>
public sealed record RejectCall : CallCommand
{
    public string Cause { get; init; } = "rejected";
}

/// <summary>End the call (or cancel it while it rings).</summary>
public sealed record HangupCall : CallCommand;

/// <summary>Speak <see cref="Text"/> with TTS.</summary>
public sealed record SpeakText : CallCommand
{
    public required string Text { get; init; }

    /// <summary>TTS voice as the media-node names it: the lower-cased BCP-47 language ("en-us").</summary>
    public string Voice { get; init; } = "en-us";

    /// <summary>Times to speak; 0 repeats until stopped.</summary>
    public int Loop { get; init; } = 1;
}

/// <summary>Play the audio file at <see cref="Url"/>.</summary>
public sealed record PlayAudio : CallCommand
{
    public required string Url { get; init; }

    /// <summary>Times to play; 0 repeats until stopped.</summary>
    public int Loop { get; init; } = 1;
}

/// <summary>Stop what is being spoken or played.</summary>
public sealed record StopPlayback : CallCommand;

/// <summary>A prompt of a <see cref="GatherDigits"/>: text to speak or a URL to play.</summary>
public sealed record GatherPromptSpec(string? Text, string? Url, string Voice = "en-us");

/// <summary>
/// Collect DTMF digits, and speech when <see cref="Speech"/> is set, after optional prompts (which the first digit
/// or the start of speech interrupts). With speech, <see cref="TimeoutSeconds"/> is how long to wait for either.
/// </summary>
public sealed record GatherDigits : CallCommand
{
    public IReadOnlyList<GatherPromptSpec> Prompts { get; init; } = [];

    /// <summary>False: speech only.</summary>
    public bool Dtmf { get; init; } = true;

    public SpeechInput? Speech { get; init; }

    public int MinDigits { get; init; } = 1;

    public int MaxDigits { get; init; } = 128;

    /// <summary>Digits that end the gather (not part of the result).</summary>
    public string Terminators { get; init; } = "#";

    /// <summary>Digits accepted; others are ignored. Empty accepts every digit.</summary>
    public string ValidDigits { get; init; } = "";

    /// <summary>Seconds to wait for the first digit after the prompts.</summary>
    public double TimeoutSeconds { get; init; } = 60;

    public double InterDigitTimeoutSeconds { get; init; } = 5;
}

/// <summary>End the running gather now; the digits so far are reported.</summary>
public sealed record StopGather : CallCommand;

/// <summary>Send DTMF digits (RFC 4733) to the far end.</summary>
public sealed record SendDigits : CallCommand
{
    public required string Digits { get; init; }

    public int DurationMs { get; init; } = 250;
}

/// <summary>Record the call until stopped (or <see cref="MaxSeconds"/>).</summary>
public sealed record StartRecording : CallCommand
{
    /// <summary>1 = mono mix; 2 = caller left, callee right.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>0 = no limit.</summary>
    public int MaxSeconds { get; init; }

    /// <summary>The saved file's format (Voice.Media.Contracts.RecordingFormats): wav (the default) or mp3.</summary>
    public string Format { get; init; } = "wav";
}

public sealed record StopRecording : CallCommand;

public sealed record PauseRecording : CallCommand;

public sealed record ResumeRecording : CallCommand;

/// <summary>
/// Bridge this call's audio with <see cref="OtherCallId"/> (another live call of the account). With
/// <see cref="QueueName"/> the other call is the first in that queue: the engine takes it out of the queue and fills in
/// <see cref="OtherCallId"/> before the call sees the command.
/// </summary>
public sealed record BridgeCalls : CallCommand
{
    public required string OtherCallId { get; init; }

    public string? QueueName { get; init; }
}

/// <summary>Undo a bridge: both calls stay up, each on its own.</summary>
public sealed record UnbridgeCall : CallCommand;

/// <summary>Dial <see cref="To"/> as a new leg and bridge it to this call when it answers.</summary>
public sealed record TransferCall : CallCommand
{
    public required string To { get; init; }

    /// <summary>Caller id of the new leg; this call's calling party when null.</summary>
    public string? From { get; init; }

    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>Answering-machine detection on the new leg once it answers; null: none.</summary>
    public DetectMachine? MachineDetection { get; init; }
}

/// <summary>Put the call into the named conference of its account (created when it does not exist).</summary>
public sealed record JoinConferenceCall : CallCommand
{
    public required string ConferenceName { get; init; }

    public bool StartOnEnter { get; init; } = true;

    public bool EndOnExit { get; init; }

    /// <summary>With <see cref="EndOnExit"/>: the conference's end hangs up everyone still in it (Telnyx's end on exit), not only lets them go.</summary>
    public bool EndOnExitHangsUp { get; init; }

    public bool Muted { get; init; }

    /// <summary>Put the participant on hold (hears nothing, is not heard).</summary>
    public bool Hold { get; init; }
}

/// <summary>Take the call out of its conference; the call stays up.</summary>
public sealed record LeaveConferenceCall : CallCommand;

/// <summary>
/// Put the call at the end of the named queue of its account (created when it does not exist), where it waits until a
/// bridge with the queue takes it, it leaves, <see cref="MaxWaitSeconds"/> run out or it hangs up. The engine enters it
/// in the queue before the call sees the command and fills in <see cref="Position"/>, <see cref="AverageWaitSeconds"/>
/// and <see cref="EnqueuedAt"/> from the queue's answer.
/// </summary>
public sealed record EnqueueCall : CallCommand
{
    public required string QueueName { get; init; }

    /// <summary>The queue's size limit when this command creates it; an existing queue keeps its own.</summary>
    public int? MaxSize { get; init; }

    /// <summary>0 = wait until taken, left or hung up.</summary>
    public int MaxWaitSeconds { get; init; }

    public int Position { get; init; }

    public int AverageWaitSeconds { get; init; }

    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Hold audio and announcements while the call waits; null: silence.</summary>
    public QueueHold? Hold { get; init; }
}

/// <summary>Take the call out of its queue; the call stays up.</summary>
public sealed record LeaveQueueCall : CallCommand;

/// <summary>Only replaces the client state.</summary>
public sealed record UpdateClientState : CallCommand;

/// <summary>
/// Blind transfer with a SIP REFER: the far end is asked to call <see cref="SipAddress"/> itself (the call leaves this
/// platform when it succeeds). Reported as refer started/completed/failed.
/// </summary>
public sealed record ReferCall : CallCommand
{
    public required string SipAddress { get; init; }

    /// <summary>Headers for the far end's INVITE to the target, sent inside Refer-To (User-to-User).</summary>
    public IReadOnlyDictionary<string, string>? TargetHeaders { get; init; }

    /// <summary>X- headers on the REFER itself.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}

/// <summary>Send a SIP INFO with <see cref="Body"/> of <see cref="ContentType"/> to the far end.</summary>
public sealed record SendSipInfo : CallCommand
{
    public required string ContentType { get; init; }

    public required string Body { get; init; }
}
