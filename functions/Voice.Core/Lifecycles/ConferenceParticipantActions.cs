using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// What an API asks of a conference's participants (<see cref="ConferenceParticipantsSignal"/>): mute and hold,
/// speech or audio played to them, and DTMF sent to their phones. Each becomes media commands on the participants' own calls: the node mixes a
/// conference per call (N−1), and what a call plays replaces the mix for that call while it lasts. Participants not in
/// the mix (waiting for the start, or held) hear their hold music and get no speech or audio.
/// </summary>
internal static class ConferenceParticipantActions
{
    public static void Apply(ConferenceStep step, ConferenceParticipantsSignal signal)
    {
        var audio = new List<string>();
        foreach (var member in Targets(step.State, signal.CallIds))
        {
            switch (signal)
            {
                case ChangeConferenceParticipants change:
                    Change(step, member, change);
                    break;
                case SpeakToConference speak when InMix(member):
                    audio.Add(step.Send(id => new SayCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now, Text = speak.Text, Voice = speak.Voice }));
                    break;
                case PlayToConference play when InMix(member):
                    audio.Add(step.Send(id => new PlayCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now, Url = play.Url, Loop = play.Loop }));
                    break;
                case StopConferenceAudio when InMix(member):
                    step.Send(id => new StopMediaCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now });
                    break;
                case SendDigitsToConference digits:
                    // Tones go to the participant's own phone, as a call's send_dtmf does (the mix carries no DTMF).
                    step.Send(id => new SendDtmfCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now, Digits = digits.Digits, DurationMs = digits.DurationMs });
                    break;
            }
        }

        if (signal is SpeakToConference or PlayToConference)
        {
            ConferenceAudio.Track(step, signal is SpeakToConference ? ConferenceAudioKind.Speak : ConferenceAudioKind.Play, audio);
        }

        if (signal is ChangeConferenceParticipants)
        {
            step.Save(step.State.Conference.Status, step.State.Participants.Count);
        }
    }

    private static void Change(ConferenceStep step, ConferenceParticipant member, ChangeConferenceParticipants change)
    {
        var changed = member with
        {
            Muted = change.Muted ?? member.Muted,
            OnHold = change.OnHold ?? member.OnHold,
            EndOnExit = change.EndOnExit ?? member.EndOnExit,
            EndOnExitHangsUp = change.EndOnExitHangsUp ?? member.EndOnExitHangsUp,
            UpdatedAt = step.Now,
        };
        if (changed == member with { UpdatedAt = step.Now })
        {
            return;
        }

        if (changed with { EndOnExit = member.EndOnExit, EndOnExitHangsUp = member.EndOnExitHangsUp } == member with { UpdatedAt = step.Now })
        {
            // Only end on exit changed: the node mixes nothing differently.
            step.Replace(changed);
            return;
        }

        if (!member.Waiting)
        {
            if (member.HoldCommandId is not null && !changed.OnHold)
            {
                step.Send(id => new StopMediaCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now });
                changed = changed with { HoldCommandId = null };
            }
            else if (!member.OnHold && changed.OnHold && change.HoldAudioUrl is { } url)
            {
                changed = changed with
                {
                    HoldCommandId = step.Send(id => new PlayCommand { Id = id, CallId = member.CallId, IssuedAt = step.Now, Url = url, Loop = 0 }),
                };
            }

            step.Send(id => new UpdateParticipantCommand
            {
                Id = id,
                CallId = member.CallId,
                IssuedAt = step.Now,
                Muted = changed.MutedInMix,
                Deaf = changed.DeafInMix,
            });
        }

        step.Replace(changed);
    }

    private static bool InMix(ConferenceParticipant member) => !member.Waiting && !member.OnHold;

    /// <summary>The participants named (unknown ids are skipped), or everyone when none is named.</summary>
    private static List<ConferenceParticipant> Targets(ConferenceState state, IReadOnlyList<string> callIds) =>
        [.. state.Participants.Where(p => callIds.Count == 0 || callIds.Contains(p.CallId, StringComparer.Ordinal))];
}
