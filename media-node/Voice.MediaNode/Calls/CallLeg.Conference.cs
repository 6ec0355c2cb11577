using Voice.Media.Contracts;
using Voice.Media.Mixing;
using Voice.Media.Sessions;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Bridges and conferences: the call's received audio feeds a shared N−1 mixer and the mix is what the call
/// hears whenever nothing else plays. A bridge is a two-member mixer named after both calls.
/// </summary>
public sealed partial class CallLeg
{
    private (string Room, ConferenceMixer Mixer, MixerParticipant Participant)? mixing;

    // The mix's switches (a conference participant's) and the call's own (SetCallAudioCommand); the participant gets both.
    private bool mixMuted;
    private bool mixDeaf;
    private bool callMuted;
    private bool callDeaf;

    private async Task HandleMixingAsync(MediaSession session, MediaCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case JoinConferenceCommand join:
                Join(session, "conference:" + join.ConferenceId);
                Update(join.Muted, join.Deaf, join.CoachCallId);
                break;
            case LeaveConferenceCommand or UnbridgeCommand when mixing is { Room: var room } && room.StartsWith(command is UnbridgeCommand ? "bridge:" : "conference:", StringComparison.Ordinal):
                await LeaveMixingAsync(command is UnbridgeCommand);
                break;
            case UpdateParticipantCommand update when mixing is { Room: var room } && room.StartsWith("conference:", StringComparison.Ordinal):
                Update(update.Muted, update.Deaf, update.CoachCallId);
                break;
            case SetCallAudioCommand audio:
                callMuted = audio.Muted ?? callMuted;
                callDeaf = audio.Deaf ?? callDeaf;
                ApplySwitches();
                break;
            case BridgeCommand bridge when services.Registry.Find(bridge.OtherCallId) is CallLeg { media: { } otherSession } other && other != this:
                var name = "bridge:" + string.Join('+', new[] { CallId, other.CallId }.Order(StringComparer.Ordinal));
                Join(session, name);
                other.Join(otherSession, name);
                break;
            case BridgeCommand bridge:
                await services.Events.PublishErrorAsync(CallId, command.Id, CallRegistry.CallNotFound, $"no answered call {bridge.OtherCallId} on this node to bridge with", cancellationToken);
                break;
            default:
                await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_state", "the call is not in a conference or bridge", cancellationToken);
                break;
        }
    }

    private void Join(MediaSession session, string room)
    {
        LeaveMixing();
        var mixer = services.Rooms.Open(room);
        mixing = (room, mixer, session.JoinMixer(mixer, CallId));
        mixMuted = false;
        mixDeaf = false;
        ApplySwitches();
    }

    private void Update(bool? muted, bool? deaf, string? coachCallId)
    {
        if (mixing is not { } current)
        {
            return;
        }

        mixMuted = muted ?? mixMuted;
        mixDeaf = deaf ?? mixDeaf;
        ApplySwitches();
        if (coachCallId is not null)
        {
            current.Participant.Coaching = current.Mixer.Participants.FirstOrDefault(p => p.Id == coachCallId);
        }
    }

    private void ApplySwitches()
    {
        if (mixing is { } current)
        {
            current.Participant.Muted = mixMuted || callMuted;
            current.Participant.Deaf = mixDeaf || callDeaf;
        }
    }

    /// <summary>Leaves the current mixer; leaving a bridge also takes the other call out of it.</summary>
    private Task LeaveMixingAsync(bool bridge)
    {
        var members = bridge && mixing is { } current ? current.Mixer.Participants.Select(p => p.Id).Where(id => id != CallId).ToList() : [];
        LeaveMixing();
        foreach (var id in members)
        {
            if (services.Registry.Find(id) is CallLeg other)
            {
                other.LeaveMixing();
            }
        }

        return Task.CompletedTask;
    }

    private void LeaveMixing()
    {
        if (mixing is { } current)
        {
            mixing = null;
            media?.LeaveMixer(current.Mixer);
            services.Rooms.CloseIfEmpty(current.Room);
        }
    }
}
