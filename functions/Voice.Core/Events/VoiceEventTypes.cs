namespace Voice.Core.Events;

/// <summary>
/// The CloudEvents <c>type</c> of every engine event. A stable, documented namespace: customers filter
/// Event Grid subscriptions on these strings, so they never change once released.
/// </summary>
public static class VoiceEventTypes
{
    public const string Prefix = "telefon.voice.";

    public const string CallInitiated = "telefon.voice.call.initiated";
    public const string CallRinging = "telefon.voice.call.ringing";
    public const string CallAnswered = "telefon.voice.call.answered";
    public const string CallEndRequested = "telefon.voice.call.end_requested";
    public const string CallCompleted = "telefon.voice.call.completed";
    public const string CallDtmfReceived = "telefon.voice.call.dtmf.received";
    public const string CallGatherEnded = "telefon.voice.call.gather.ended";
    public const string CallPlaybackStarted = "telefon.voice.call.playback.started";
    public const string CallPlaybackEnded = "telefon.voice.call.playback.ended";
    public const string CallSpeakStarted = "telefon.voice.call.speak.started";
    public const string CallSpeakEnded = "telefon.voice.call.speak.ended";
    public const string CallRecordingSaved = "telefon.voice.call.recording.saved";
    public const string CallFlowFailed = "telefon.voice.call.flow.failed";

    /// <summary>The call's flow was replaced by a transfer (Vonage <c>transfer</c>); <c>url</c> when fetched.</summary>
    public const string CallFlowTransferred = "telefon.voice.call.flow.transferred";
    public const string CallBridged = "telefon.voice.call.bridged";
    public const string CallUnbridged = "telefon.voice.call.unbridged";
    public const string CallRecordingStarted = "telefon.voice.call.recording.started";
    public const string CallEnqueued = "telefon.voice.call.enqueued";
    public const string CallDequeued = "telefon.voice.call.dequeued";
    public const string CallTranscription = "telefon.voice.call.transcription";
    public const string CallTranscriptionStopped = "telefon.voice.call.transcription.stopped";
    public const string CallStreamingStarted = "telefon.voice.call.streaming.started";
    public const string CallStreamingStopped = "telefon.voice.call.streaming.stopped";
    public const string CallStreamingFailed = "telefon.voice.call.streaming.failed";

    /// <summary>Who answered (answering-machine detection): data <c>result</c> human, machine or not_sure.</summary>
    public const string CallMachineDetectionEnded = "telefon.voice.call.machine.detection.ended";

    /// <summary>How a machine's greeting ended: data <c>result</c> beep_detected, ended or not_sure.</summary>
    public const string CallMachineGreetingEnded = "telefon.voice.call.machine.greeting.ended";

    /// <summary>The far end accepted a REFER (transfer) and is calling the target.</summary>
    public const string CallReferStarted = "telefon.voice.call.refer.started";

    /// <summary>The far end reported the target's 2xx: the call was transferred.</summary>
    public const string CallReferCompleted = "telefon.voice.call.refer.completed";

    /// <summary>The REFER was refused, the target did not answer, or no final report came.</summary>
    public const string CallReferFailed = "telefon.voice.call.refer.failed";

    /// <summary>The far end sent a SIP INFO: data content_type and body.</summary>
    public const string CallSipInfoReceived = "telefon.voice.call.sip_info.received";

    /// <summary>A live-call command the call could not apply any more (it changed state after the API accepted it).</summary>
    public const string CallCommandFailed = "telefon.voice.call.command.failed";

    /// <summary>A call's status callback (status_callback / the number's event URL): data = call fields + event_id + sequence.</summary>
    public const string CallStatusCallback = "telefon.voice.call.status";

    /// <summary>A call-flow action's event webhook whose answer is not used (record's and notify's eventUrl).</summary>
    public const string CallActionWebhook = "telefon.voice.call.webhook";
    public const string ConferenceCreated = "telefon.voice.conference.created";
    public const string ConferenceParticipantJoined = "telefon.voice.conference.participant.joined";
    public const string ConferenceParticipantLeft = "telefon.voice.conference.participant.left";
    public const string ConferenceParticipantRejected = "telefon.voice.conference.participant.rejected";
    public const string ConferenceEnded = "telefon.voice.conference.ended";
    public const string ConferenceSpeakStarted = "telefon.voice.conference.speak.started";
    public const string ConferenceSpeakEnded = "telefon.voice.conference.speak.ended";
    public const string ConferencePlaybackStarted = "telefon.voice.conference.playback.started";
    public const string ConferencePlaybackEnded = "telefon.voice.conference.playback.ended";
}
