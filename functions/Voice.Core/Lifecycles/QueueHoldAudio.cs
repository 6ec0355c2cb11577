using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Queues;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Hold audio and periodic announcements of a queued call (<see cref="EnqueueCall.Hold"/>). The lifecycle decides, the
/// node plays: the hold audio is one looping play/say command; every <see cref="QueueAnnouncement.EverySeconds"/> the
/// timer asks the queue where the call is now (<see cref="LookUpQueuePosition"/>), and the answer is spoken by a say
/// command, which takes the place of the hold audio on the node; when it ends the hold audio starts again. The node has
/// one player per call, so the application's own audio (speak, playback, a gather) takes the line: the hold audio
/// yields to it and comes back when the last of it ends, and an announcement due meanwhile is skipped. Our media
/// commands report no speak/playback events (a loop restarted after every announcement would flood webhooks); a hold
/// audio that cannot be played is reported once as call.command.failed of the enqueue. Leaving the queue, a bridge or
/// the hangup stops it all.
/// </summary>
internal static class QueueHoldAudio
{
    internal const string AnnouncementTimer = "queue-announcement";

    /// <summary>The call entered its queue with <paramref name="enqueue"/>: hold audio and announcements as it says (none without hold settings).</summary>
    public static void Start(CallStep step, EnqueueCall enqueue)
    {
        Stop(step, stopMedia: true);
        if (enqueue.Hold is not { } hold)
        {
            return;
        }

        step.State = step.State with
        {
            QueueHold = new QueueHoldState
            {
                QueueName = enqueue.QueueName,
                Settings = hold,
                EnqueueCommandId = enqueue.CommandId,
                EnqueuedAt = enqueue.EnqueuedAt,
            },
        };
        if (hold.Announcement is { } announcement)
        {
            step.StartTimer(AnnouncementTimer, step.Now.AddSeconds(announcement.EverySeconds));
        }

        Resume(step);
    }

    /// <summary>
    /// The call left its queue, was bridged or ends: no more announcements, and what of ours plays is stopped at once
    /// (<paramref name="stopMedia"/> false for an ending call, whose hangup ends its media).
    /// </summary>
    public static void Stop(CallStep step, bool stopMedia)
    {
        if (step.State.QueueHold is not { } hold)
        {
            return;
        }

        step.CancelTimer(AnnouncementTimer);
        if (stopMedia && hold.Playing)
        {
            step.Send(id => new StopMediaCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now });
        }

        step.State = step.State with { QueueHold = null };
    }

    /// <summary>Plays the hold audio unless something else has the line (or it failed, or there is none).</summary>
    public static void Resume(CallStep step)
    {
        if (step.State.QueueHold is not { Playing: false, MusicFailed: false } hold || ApplicationAudioPlays(step) || step.State.BridgedWith is not null)
        {
            return;
        }

        var call = step.Call;
        var settings = hold.Settings;
        var music = settings switch
        {
            { AudioUrl: { } url } => step.Send(id => new PlayCommand { Id = id, CallId = call.Id, IssuedAt = step.Now, Url = url, Loop = 0 }),
            { Text: { } text } => step.Send(id => new SayCommand { Id = id, CallId = call.Id, IssuedAt = step.Now, Text = text, Voice = settings.Voice, Loop = 0 }),
            _ => null,
        };
        step.State = step.State with { QueueHold = hold with { MusicCommandId = music } };
    }

    /// <summary>The announcement timer: ask the queue where the call is now, and keep the beat.</summary>
    public static void OnAnnouncementDue(CallStep step)
    {
        if (step.State.QueueHold is not { Settings.Announcement: { } announcement } hold)
        {
            return;
        }

        step.StartTimer(AnnouncementTimer, step.Now.AddSeconds(announcement.EverySeconds));
        step.Emit(id => new LookUpQueuePosition { Id = id, AccountId = step.Call.AccountId, QueueName = hold.QueueName, CallId = step.Call.Id });
    }

    /// <summary>The queue's answer: speak the announcement with the call's current position, unless the line is taken.</summary>
    public static void OnPosition(CallStep step, QueuePosition position)
    {
        if (step.State.QueueHold is not { Settings.Announcement: { } announcement } hold
            || hold.QueueName != position.QueueName
            || position.Position < 1
            || hold.AnnouncementCommandId is not null
            || ApplicationAudioPlays(step)
            || step.State.BridgedWith is not null)
        {
            return;
        }

        var waited = (int)Math.Max(0, (step.Now - hold.EnqueuedAt).TotalSeconds);
        var text = QueueAnnouncementTemplate.Render(announcement.Template, position.Position, waited, position.AverageWaitSeconds);
        var say = step.Send(id => new SayCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now, Text = text, Voice = hold.Settings.Voice });

        // The say takes the hold audio's place on the node; whatever the node says of the hold audio's end is ignored.
        step.State = step.State with { QueueHold = hold with { AnnouncementCommandId = say, MusicCommandId = null } };
    }

    /// <summary>
    /// The application's own speak, playback or gather is about to start: the hold audio yields. A play or say takes the
    /// node's player by itself; a gather without prompts plays nothing, so the hold audio is stopped first.
    /// </summary>
    public static void BeforeApplicationAudio(CallStep step, CallCommand command)
    {
        if (step.State.QueueHold is not { Playing: true } hold)
        {
            return;
        }

        if (command is GatherDigits { Prompts.Count: 0 })
        {
            step.Send(id => new StopMediaCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now });
        }

        step.State = step.State with { QueueHold = hold with { MusicCommandId = null, AnnouncementCommandId = null } };
    }

    /// <summary>Events of our own media commands: taken here (no webhooks), the hold audio resumed after an announcement.</summary>
    public static bool OnMediaEvent(CallStep step, MediaEvent mediaEvent)
    {
        if (step.State.QueueHold is not { } hold || mediaEvent.CommandId is not { } commandId)
        {
            return false;
        }

        if (commandId == hold.AnnouncementCommandId)
        {
            if (mediaEvent is PlaybackEndedEvent or MediaErrorEvent)
            {
                step.State = step.State with { QueueHold = hold with { AnnouncementCommandId = null } };
                Resume(step);
            }

            return true;
        }

        if (commandId != hold.MusicCommandId)
        {
            return false;
        }

        switch (mediaEvent)
        {
            case PlaybackEndedEvent { Reason: "failed" }:
                // The node reports why in the error event that follows.
                step.State = step.State with { QueueHold = hold with { MusicFailed = true } };
                break;
            case MediaErrorEvent error:
                step.State = step.State with { QueueHold = hold with { MusicFailed = true, MusicCommandId = null } };
                step.Publish(VoiceEventTypes.CallCommandFailed, new()
                {
                    ["command"] = nameof(EnqueueCall),
                    ["command_id"] = hold.EnqueueCommandId,
                    ["reason"] = $"the hold audio cannot be played: {error.Message}",
                });
                break;
            case PlaybackEndedEvent:
                // Stopped by a playback_stop or gather_stop (the node stops everything): the hold audio is the queue's, so it comes back.
                step.State = step.State with { QueueHold = hold with { MusicCommandId = null } };
                Resume(step);
                break;
        }

        return true;
    }

    /// <summary>Audio the application started (a live command's speak, play or gather; a flow's talk, stream or input) is running.</summary>
    private static bool ApplicationAudioPlays(CallStep step) =>
        step.State.CommandMedia.Any(m => m.Kind is CommandMediaKind.Speak or CommandMediaKind.Play or CommandMediaKind.Gather)
        || step.State.Waiting is { Kind: WaitKind.Speak or WaitKind.Play or WaitKind.Gather };
}
