using System.Text.Json;
using Voice.Api.Http;
using Voice.Core.Lifecycles;
using Voice.Engine.Conferences;

namespace Voice.Api.Telnyx;

/// <summary>
/// The conference actions (<c>POST /v2/conferences/{id}/actions/{action}</c>) this server runs, each read from Telnyx's
/// fields (compat-notes §A.4). A field error is recorded in the <see cref="BodyFields"/> (422 naming its JSON pointer)
/// and the reader returns null. Readers get the conference's id (from the path), not its record: the body is read
/// before any storage read (a parsed body may not outlive the request's first await, see JsonRequestBody). Options Telnyx has and the engine does not (beeps, whisper, supervisor roles, soft
/// end) are accepted at their "off" values and refused otherwise, naming the field. play_beep is accepted: no beep is
/// played.
/// </summary>
public static class TelnyxConferenceActions
{
    private static readonly string[] BeepValues = ["always", "never", "on_enter", "on_exit"];

    /// <summary>Action name → reader. Names as in Telnyx's paths.</summary>
    public static IReadOnlyDictionary<string, Func<BodyFields, JsonElement, string, TelnyxConferenceAction?>> Readers { get; } =
        new Dictionary<string, Func<BodyFields, JsonElement, string, TelnyxConferenceAction?>>(StringComparer.Ordinal)
        {
            ["join"] = Join,
            ["leave"] = Leave,
            ["mute"] = (f, _, c) => Change(f, c, muted: true, onHold: null, required: false),
            ["unmute"] = (f, _, c) => Change(f, c, muted: false, onHold: null, required: false),
            ["hold"] = Hold,
            ["unhold"] = (f, _, c) => Change(f, c, muted: null, onHold: false, required: true),
            ["speak"] = Speak,
            ["play"] = Play,
            ["stop"] = Stop,
            ["end"] = End,
            ["record_start"] = RecordStart,
            ["record_stop"] = (f, _, c) => Record(f, c, ConferenceRecordingAction.Stop),
            ["record_pause"] = (f, _, c) => Record(f, c, ConferenceRecordingAction.Pause),
            ["record_resume"] = (f, _, c) => Record(f, c, ConferenceRecordingAction.Resume),
            ["send_dtmf"] = SendDtmf,
            ["update"] = Update,
            ["gather_using_audio"] = GatherUsingAudio,
        };

    private static JoinConferenceAction? Join(BodyFields f, JsonElement body, string conferenceId)
    {
        var callId = TelnyxConferenceFields.CallId(f, "call_control_id");
        var commandId = TelnyxCommandFields.CommandId(f);
        var clientState = TelnyxCommandFields.ClientState(f);
        var options = new ConferenceJoinOptions
        {
            Muted = f.Flag("mute") ?? false,
            Hold = f.Flag("hold") ?? false,
            StartOnEnter = f.Flag("start_conference_on_enter") ?? false,
            EndOnExit = f.Flag("end_conference_on_exit") ?? false,

            // Telnyx's end on exit hangs up the others (its soft end, refused below, would not).
            EndOnExitHangsUp = true,
        };
        f.OneOf("beep_enabled", BeepValues);
        f.Require(f.Flag("soft_end_conference_on_exit") != true, "soft_end_conference_on_exit", "'soft_end_conference_on_exit' is not supported: use 'end_conference_on_exit'");
        f.Require(f.OneOf("supervisor_role", ["barge", "monitor", "none", "whisper"]) is null or "none", "supervisor_role", "supervisor roles are not supported");
        f.Require(f.TextList("whisper_call_control_ids", 100, 64, _ => null) is not { Count: > 0 }, "whisper_call_control_ids", "whispering is not supported");
        f.Require(f.Text("hold_audio_url") is null && f.Text("hold_media_name") is null, "hold_audio_url", "hold music on join is not supported: give 'hold_audio_url' to conferences.create or actions.hold");
        return f.Error is null ? new JoinConferenceAction(callId!, options, commandId, clientState) : null;
    }

    private static LeaveConferenceAction? Leave(BodyFields f, JsonElement body, string conferenceId)
    {
        var callId = TelnyxConferenceFields.CallId(f, "call_control_id");
        var commandId = TelnyxCommandFields.CommandId(f);
        f.OneOf("beep_enabled", BeepValues);
        return f.Error is null ? new LeaveConferenceAction(callId!, commandId) : null;
    }

    private static SignalConferenceAction? Hold(BodyFields f, JsonElement body, string conferenceId)
    {
        var url = TelnyxMediaFields.AudioUrl(f, required: false);
        return Change(f, conferenceId, muted: null, onHold: true, required: false, url);
    }

    private static SignalConferenceAction? Change(BodyFields f, string conferenceId, bool? muted, bool? onHold, bool required, string? holdAudioUrl = null)
    {
        var callIds = TelnyxConferenceFields.CallIds(f, required);
        return f.Error is null
            ? new SignalConferenceAction(new ChangeConferenceParticipants
            {
                ConferenceId = conferenceId,
                CallIds = callIds,
                Muted = muted,
                OnHold = onHold,
                HoldAudioUrl = holdAudioUrl,
            })
            : null;
    }

    private static SignalConferenceAction? Speak(BodyFields f, JsonElement body, string conferenceId)
    {
        var callIds = TelnyxConferenceFields.CallIds(f, required: false);
        var (text, voice) = TelnyxMediaFields.Speech(f);
        TelnyxCommandFields.CommandId(f);
        return f.Error is null
            ? new SignalConferenceAction(new SpeakToConference { ConferenceId = conferenceId, CallIds = callIds, Text = text!, Voice = voice })
            : null;
    }

    private static SignalConferenceAction? Play(BodyFields f, JsonElement body, string conferenceId)
    {
        var callIds = TelnyxConferenceFields.CallIds(f, required: false);
        var url = TelnyxMediaFields.AudioUrl(f, required: true);
        var loop = TelnyxMediaFields.Loop(f, body);
        return f.Error is null
            ? new SignalConferenceAction(new PlayToConference { ConferenceId = conferenceId, CallIds = callIds, Url = url!, Loop = loop })
            : null;
    }

    private static SignalConferenceAction? Stop(BodyFields f, JsonElement body, string conferenceId)
    {
        var callIds = TelnyxConferenceFields.CallIds(f, required: false);
        return f.Error is null ? new SignalConferenceAction(new StopConferenceAudio { ConferenceId = conferenceId, CallIds = callIds }) : null;
    }

    /// <summary>
    /// A gather on one participant's call, read as the call's <c>gather_using_audio</c> is (the same reader): the prompt
    /// replaces the mix for that participant while it plays, the digits are reported by the call's call.gather.ended.
    /// </summary>
    private static ParticipantCommandAction? GatherUsingAudio(BodyFields f, JsonElement body, string conferenceId)
    {
        var callId = TelnyxConferenceFields.CallId(f, "call_control_id");
        var clientState = TelnyxCommandFields.ClientState(f);
        var command = TelnyxCallActions.Readers["gather_using_audio"](f, body, "conference-gather:" + Guid.NewGuid().ToString("N"), clientState);
        return f.Error is null && command is not null ? new ParticipantCommandAction(callId!, command) : null;
    }

    /// <summary>
    /// A participant's supervisor role: <c>none</c> and <c>barge</c> (a normal participant, what everyone is here) are
    /// honoured; <c>monitor</c> and <c>whisper</c> are refused, since the mixer has no listen-only supervisors nor
    /// whispers to a list of participants.
    /// </summary>
    private static CheckParticipantAction? Update(BodyFields f, JsonElement body, string conferenceId)
    {
        var callId = TelnyxConferenceFields.CallId(f, "call_control_id");
        var role = f.OneOf("supervisor_role", ["barge", "monitor", "none", "whisper"]);
        if (role is null && f.Error is null)
        {
            f.Text("supervisor_role", required: true);
        }

        f.Require(role is null or "none" or "barge", "supervisor_role", "only 'none' and 'barge' (a normal participant) are supported: there are no monitoring or whispering supervisors");
        f.Require(f.TextList("whisper_call_control_ids", 100, 64, _ => null) is not { Count: > 0 }, "whisper_call_control_ids", "whispering is not supported");
        TelnyxCommandFields.CommandId(f);
        f.Text("region", maxLength: 64);
        return f.Error is null ? new CheckParticipantAction(callId!) : null;
    }

    /// <summary>DTMF to each named participant's phone (everyone when none is named), as a call's send_dtmf sends it.</summary>
    private static SignalConferenceAction? SendDtmf(BodyFields f, JsonElement body, string conferenceId)
    {
        var callIds = TelnyxConferenceFields.CallIds(f, required: false);
        var (tones, duration) = TelnyxDtmfFields.Read(f);
        TelnyxCommandFields.ClientState(f);
        return f.Error is null
            ? new SignalConferenceAction(new SendDigitsToConference { ConferenceId = conferenceId, CallIds = callIds, Digits = tones!, DurationMs = duration })
            : null;
    }

    /// <summary>Telnyx's end hangs up every participant ("ends a conference and terminates all active participants").</summary>
    private static SignalConferenceAction? End(BodyFields f, JsonElement body, string conferenceId)
    {
        TelnyxCommandFields.CommandId(f);
        return f.Error is null ? new SignalConferenceAction(new EndConference { ConferenceId = conferenceId, HangUpParticipants = true }) : null;
    }

    /// <summary>
    /// Records the mix as a silent listener hears it, always as WAV (<c>mp3</c> is accepted and saved as WAV), on one
    /// channel: Telnyx's <c>dual</c> (the creator apart from the rest) needs a second mix the node does not make.
    /// </summary>
    private static SignalConferenceAction? RecordStart(BodyFields f, JsonElement body, string conferenceId)
    {
        var format = f.OneOf("format", ["wav", "mp3"]);
        if (format is null && f.Error is null)
        {
            f.Text("format", required: true);
        }

        f.Require(f.OneOf("channels", ["single", "dual"]) is null or "single", "channels", "a conference is recorded on one channel ('single'): its mix is not split by participant");
        f.Flag("play_beep");
        TelnyxCommandFields.CommandId(f);
        f.Text("region", maxLength: 64);
        f.Require(f.OneOf("trim", ["trim-silence"]) is null, "trim", "trimming silence is not supported");
        f.Require(f.Text("custom_file_name", maxLength: 255) is null, "custom_file_name", "custom file names are not supported: a recording is named by its recording_id");
        return f.Error is null ? new SignalConferenceAction(new RecordConference(conferenceId, ConferenceRecordingAction.Start)) : null;
    }

    private static SignalConferenceAction? Record(BodyFields f, string conferenceId, ConferenceRecordingAction action)
    {
        var recordingId = f.Text("recording_id", maxLength: 128);
        TelnyxCommandFields.CommandId(f);
        TelnyxCommandFields.ClientState(f);
        f.Text("region", maxLength: 64);
        return f.Error is null ? new SignalConferenceAction(new RecordConference(conferenceId, action) { RecordingId = recordingId }) : null;
    }
}
