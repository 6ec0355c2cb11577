using System.Text.Json.Serialization;
using Voice.Core.Commands;

namespace Voice.Core.CallFlow;

/// <summary>
/// One action of a call flow (Vonage NCCO model). The JSON discriminator <c>action</c> is the NCCO action
/// name, so a persisted lifecycle state reads like the document it came from.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "action")]
[JsonDerivedType(typeof(TalkAction), "talk")]
[JsonDerivedType(typeof(StreamAction), "stream")]
[JsonDerivedType(typeof(WebSocketStreamAction), "websocket_stream")]
[JsonDerivedType(typeof(InputAction), "input")]
[JsonDerivedType(typeof(RecordAction), "record")]
[JsonDerivedType(typeof(ConnectAction), "connect")]
[JsonDerivedType(typeof(ConversationAction), "conversation")]
[JsonDerivedType(typeof(NotifyAction), "notify")]
[JsonDerivedType(typeof(EnqueueAction), "enqueue")]
[JsonDerivedType(typeof(HangupAction), "hangup")]
[JsonDerivedType(typeof(WaitAction), "wait")]
public abstract record CallFlowAction;

/// <summary>Speak <see cref="Text"/> with TTS; synchronous unless <see cref="BargeIn"/> (then it is a prompt of the next input).</summary>
public sealed record TalkAction : CallFlowAction
{
    public required string Text { get; init; }

    /// <summary>TTS voice as the media-node names it: the lower-cased BCP-47 language ("en-us").</summary>
    public string Voice { get; init; } = "en-us";

    /// <summary>Times to speak; 0 repeats until the action is stopped.</summary>
    public int Loop { get; init; } = 1;

    public bool BargeIn { get; init; }
}

/// <summary>Play an audio file; synchronous unless <see cref="BargeIn"/> (then it is a prompt of the next input).</summary>
public sealed record StreamAction : CallFlowAction
{
    public required string StreamUrl { get; init; }

    /// <summary>Times to play; 0 repeats until the action is stopped.</summary>
    public int Loop { get; init; } = 1;

    public bool BargeIn { get; init; }
}

/// <summary>
/// A <c>stream</c> whose URL is <c>ws://</c> or <c>wss://</c>: the call's audio goes to that WebSocket (the media node
/// connects) in <see cref="Framing"/> (vonage: binary L16 with JSON events, the default; telnyx: JSON with base64
/// media), and with <see cref="Bidirectional"/> what the server sends back is played into the call. Synchronous: the
/// flow goes on when the stream ends (the server closes it, or it fails).
/// </summary>
public sealed record WebSocketStreamAction : CallFlowAction
{
    public required string Url { get; init; }

    public string Framing { get; init; } = "vonage";

    /// <summary>PCMU, PCMA or L16.</summary>
    public string Codec { get; init; } = "L16";

    public int SampleRate { get; init; } = 16000;

    /// <summary>inbound, outbound or both.</summary>
    public string Track { get; init; } = "inbound";

    public bool Bidirectional { get; init; } = true;

    /// <summary>Sent in the opening message (Vonage <c>websocket:connected</c>, Telnyx <c>start</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>Collect DTMF digits and/or speech; the result goes to <see cref="EventUrl"/>, whose answer may replace the rest of the flow.</summary>
public sealed record InputAction : CallFlowAction
{
    /// <summary>False when <c>type</c> is speech only.</summary>
    public bool Dtmf { get; init; } = true;

    /// <summary>
    /// Speech input (from Vonage's <c>speech</c>: <c>context</c> → hints, <c>language</c>, <c>endOnSilence</c>,
    /// <c>maxDuration</c>); null when <c>type</c> lacks <c>speech</c>.
    /// </summary>
    public SpeechInput? Speech { get; init; }

    /// <summary>Vonage's <c>speech.startTimeout</c>: how long to wait for the caller to begin.</summary>
    public double SpeechStartTimeoutSeconds { get; init; } = 10;

    public int MaxDigits { get; init; } = 4;

    /// <summary>Whether "#" submits the digits collected so far.</summary>
    public bool SubmitOnHash { get; init; }

    /// <summary>Seconds of inactivity after which the digits are submitted.</summary>
    public int TimeOutSeconds { get; init; } = 3;

    public WebhookTarget? EventUrl { get; init; }
}

/// <summary>
/// Record the call. Synchronous (the flow waits for the recording) when an end condition is given
/// (<see cref="EndOnSilenceSeconds"/>, <see cref="EndOnKey"/>, <see cref="TimeOutSeconds"/>); otherwise it records
/// in the background until the call ends, as Vonage does.
/// </summary>
public sealed record RecordAction : CallFlowAction
{
    /// <summary>"wav" or "mp3" (the node's encoder).</summary>
    public string Format { get; init; } = "wav";

    /// <summary>1 = mono mix; 2 = caller left, callee right (NCCO <c>split: "conversation"</c>).</summary>
    public int Channels { get; init; } = 1;

    /// <summary>The node stops the recording after the far end has been silent this long.</summary>
    public int? EndOnSilenceSeconds { get; init; }

    /// <summary>A single DTMF digit that stops the recording.</summary>
    public string? EndOnKey { get; init; }

    /// <summary>Maximum recording length in seconds.</summary>
    public int? TimeOutSeconds { get; init; }

    /// <summary>A beep is played to the far end as the recording starts.</summary>
    public bool BeepStart { get; init; }

    /// <summary>Receives the saved recording's details.</summary>
    public WebhookTarget? EventUrl { get; init; }

    [JsonIgnore]
    public bool IsSynchronous => EndOnSilenceSeconds is not null || EndOnKey is not null || TimeOutSeconds is not null;
}

/// <summary>Call <see cref="Endpoint"/> as a new outbound leg and bridge it to this call; the flow continues when that leg ends.</summary>
public sealed record ConnectAction : CallFlowAction
{
    public required ConnectEndpoint Endpoint { get; init; }

    /// <summary>Caller id for the new leg; the calling party of this call when absent.</summary>
    public string? From { get; init; }

    /// <summary>Seconds the new leg rings before it is given up.</summary>
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>Maximum length of the new leg in seconds once answered.</summary>
    public int LimitSeconds { get; init; } = 7200;

    /// <summary>Receives the new leg's status callbacks.</summary>
    public WebhookTarget? EventUrl { get; init; }

    /// <summary>Audio played (looping) to this call while the new leg rings (NCCO <c>ringbackTone</c>).</summary>
    public string? RingbackToneUrl { get; init; }

    /// <summary>Answering-machine detection on the new leg: <c>continue</c> (report) or <c>hangup</c> (end a machine's leg); null: none.</summary>
    public string? MachineDetection { get; init; }
}

/// <summary>Where a <see cref="ConnectAction"/> dials: <c>phone</c> (E.164, stored with a leading "+") or <c>sip</c> (a sip:/sips: URI).</summary>
public sealed record ConnectEndpoint(string Type, string Address)
{
    /// <summary>DTMF digits sent to the new leg once it answers (NCCO <c>dtmfAnswer</c>; <c>p</c> pauses are dropped).</summary>
    public string? DtmfAnswer { get; init; }
}

/// <summary>Join the named conference (NCCO "conversation"); the flow continues when this call leaves it.</summary>
public sealed record ConversationAction : CallFlowAction
{
    public required string Name { get; init; }

    /// <summary>Played (looping) while the conference waits for a participant with <see cref="StartOnEnter"/>.</summary>
    public string? MusicOnHoldUrl { get; init; }

    public bool StartOnEnter { get; init; } = true;

    /// <summary>When this participant leaves, the conference ends and everyone else is removed.</summary>
    public bool EndOnExit { get; init; }

    /// <summary>Record the conference mix.</summary>
    public bool Record { get; init; }

    public bool Mute { get; init; }

    /// <summary>Call ids this participant can be heard by: [] mutes it, one id makes it a coach of that call.</summary>
    public IReadOnlyList<string>? CanSpeak { get; init; }

    /// <summary>Call ids this participant hears: [] makes it deaf.</summary>
    public IReadOnlyList<string>? CanHear { get; init; }

    /// <summary>Receives the conference's events.</summary>
    public WebhookTarget? EventUrl { get; init; }
}

/// <summary>Send <see cref="PayloadJson"/> to <see cref="EventUrl"/> and wait for the answer; a non-empty answer replaces the rest of the flow.</summary>
public sealed record NotifyAction : CallFlowAction
{
    /// <summary>The JSON object given as <c>payload</c>, verbatim.</summary>
    public required string PayloadJson { get; init; }

    public required WebhookTarget EventUrl { get; init; }
}

/// <summary>
/// Wait in the account's queue <see cref="Name"/> (a Telefon extension, not an NCCO action), hearing
/// <see cref="Hold"/>, until a bridge takes the call, <see cref="MaxWaitSeconds"/> run out or it leaves; the flow goes
/// on when it leaves without a bridge, or when the bridge ends.
/// </summary>
public sealed record EnqueueAction : CallFlowAction
{
    public required string Name { get; init; }

    /// <summary>0 = wait until taken or hung up.</summary>
    public int MaxWaitSeconds { get; init; }

    /// <summary>The queue's size limit when this action creates it.</summary>
    public int? MaxSize { get; init; }

    public Commands.QueueHold? Hold { get; init; }
}

/// <summary>End the call.</summary>
public sealed record HangupAction : CallFlowAction;

/// <summary>Pause the flow for <see cref="TimeoutSeconds"/> (NCCO <c>wait</c>); the call stays up and hears what it heard.</summary>
public sealed record WaitAction : CallFlowAction
{
    public double TimeoutSeconds { get; init; } = 10;
}
