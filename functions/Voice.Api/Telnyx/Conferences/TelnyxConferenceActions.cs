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
/// end) are accepted at their "off" values and refused otherwise, naming the field.
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

    private static SignalConferenceAction? End(BodyFields f, JsonElement body, string conferenceId)
    {
        TelnyxCommandFields.CommandId(f);
        return f.Error is null ? new SignalConferenceAction(new EndConference { ConferenceId = conferenceId }) : null;
    }
}
