using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>What a conference speak or play action is, for its started/ended events.</summary>
public enum ConferenceAudioKind
{
    Speak,
    Play,
}

/// <summary>
/// One speak or play action of a conference: a media command on each participant's call (<see cref="Pending"/>, those
/// not ended yet). It is reported started when the first of them starts, and ended when the last ends.
/// </summary>
public sealed record ConferenceAudioAction(ConferenceAudioKind Kind, ImmutableList<string> Pending)
{
    public bool Started { get; init; }
}

/// <summary>
/// Reports a conference's speak and play actions (Telnyx's conference.speak.* and conference.playback.*). The node
/// reports the media of a participant's call to that call, which hands the events of commands the conference issued
/// back to its conference (<see cref="ConferenceMediaEventReceived"/>).
/// </summary>
internal static class ConferenceAudio
{
    public static void Track(ConferenceStep step, ConferenceAudioKind kind, IReadOnlyList<string> commandIds)
    {
        if (commandIds.Count > 0)
        {
            step.State = step.State with { Audio = step.State.Audio.Add(new ConferenceAudioAction(kind, [.. commandIds])) };
        }
    }

    /// <summary>Applies a participant call's media event about a command of this conference; false when it is not one.</summary>
    public static bool OnMediaEvent(ConferenceStep step, MediaEvent mediaEvent)
    {
        var index = step.State.Audio.FindIndex(a => a.Pending.Contains(mediaEvent.CommandId ?? ""));
        if (index < 0 || mediaEvent is not (PlaybackStartedEvent or PlaybackEndedEvent or MediaErrorEvent))
        {
            return false;
        }

        var action = step.State.Audio[index];
        if (mediaEvent is PlaybackStartedEvent)
        {
            if (!action.Started)
            {
                step.State = step.State with { Audio = step.State.Audio.SetItem(index, action with { Started = true }) };
                step.Publish(action.Kind == ConferenceAudioKind.Speak ? VoiceEventTypes.ConferenceSpeakStarted : VoiceEventTypes.ConferencePlaybackStarted);
            }

            return true;
        }

        var rest = action.Pending.Remove(mediaEvent.CommandId!);
        if (!rest.IsEmpty)
        {
            step.State = step.State with { Audio = step.State.Audio.SetItem(index, action with { Pending = rest }) };
            return true;
        }

        step.State = step.State with { Audio = step.State.Audio.RemoveAt(index) };
        var reason = mediaEvent switch
        {
            PlaybackEndedEvent ended => ended.Reason,
            _ => "failed",
        };
        step.Publish(
            action.Kind == ConferenceAudioKind.Speak ? VoiceEventTypes.ConferenceSpeakEnded : VoiceEventTypes.ConferencePlaybackEnded,
            new JsonObject { ["reason"] = reason });
        return true;
    }
}
