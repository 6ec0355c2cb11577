using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>A conference's speak and play actions are reported once started and once ended on every participant.</summary>
public sealed class ConferenceAudioTests
{
    private const string ConferenceId = "CF0000000000000000000000000000000d";

    private ConferenceState state;
    private IReadOnlyList<LifecycleEffect> effects;

    public ConferenceAudioTests()
    {
        var record = new ConferenceRecord { Id = ConferenceId, AccountId = "acct-1", FriendlyName = "room", Status = ConferenceStatus.Init, DateCreated = T0 };
        (state, effects) = ConferenceLifecycle.Instance.Start(new ConferenceStart(record, "room"), T0);
        Apply(new JoinConference { CallId = "a" });
        Apply(new JoinConference { CallId = "b" });
    }

    private IReadOnlyList<string> EventTypes => [.. effects.OfType<PublishEvent>().Select(e => e.Event.Type)];

    private IReadOnlyList<LifecycleEffect> Apply(ConferenceSignal signal)
    {
        (state, effects) = ConferenceLifecycle.Instance.Apply(state, signal, T0);
        return effects;
    }

    private void Media(MediaEvent mediaEvent) => Apply(new ConferenceMediaEventReceived(mediaEvent));

    [Fact]
    public void Speak_is_reported_started_at_the_first_participant_and_ended_after_the_last()
    {
        Apply(new SpeakToConference { ConferenceId = ConferenceId, Text = "Welcome" });
        var says = effects.OfType<SendMediaCommand>().Select(e => e.Command).OfType<SayCommand>().ToList();
        Assert.Equal(["a", "b"], says.Select(s => s.CallId));

        Media(new PlaybackStartedEvent { Id = "1", CallId = "a", CommandId = says[0].Id });
        Assert.Equal([VoiceEventTypes.ConferenceSpeakStarted], EventTypes);
        Media(new PlaybackStartedEvent { Id = "2", CallId = "b", CommandId = says[1].Id });
        Assert.Empty(EventTypes);
        Media(new PlaybackEndedEvent { Id = "3", CallId = "a", CommandId = says[0].Id });
        Assert.Empty(EventTypes);
        Media(new PlaybackEndedEvent { Id = "4", CallId = "b", CommandId = says[1].Id, Reason = "stopped" });
        var ended = Assert.Single(effects.OfType<PublishEvent>()).Event;
        Assert.Equal((VoiceEventTypes.ConferenceSpeakEnded, "stopped"), (ended.Type, (string?)ended.Data["reason"]));
        Assert.Empty(state.Audio);

        // A repeat of an event already counted changes nothing.
        Media(new PlaybackEndedEvent { Id = "4", CallId = "b", CommandId = says[1].Id });
        Assert.Empty(EventTypes);
    }

    [Fact]
    public void Play_to_one_participant_that_fails_is_reported_ended_failed()
    {
        Apply(new PlayToConference { ConferenceId = ConferenceId, CallIds = ["b"], Url = "https://app.example/a.wav" });
        var play = Assert.IsType<PlayCommand>(Assert.Single(effects.OfType<SendMediaCommand>()).Command);
        Media(new MediaErrorEvent { Id = "e", CallId = "b", CommandId = play.Id, Code = "media_unavailable", Message = "404" });
        var ended = Assert.Single(effects.OfType<PublishEvent>()).Event;
        Assert.Equal((VoiceEventTypes.ConferencePlaybackEnded, "failed"), (ended.Type, (string?)ended.Data["reason"]));
    }

    [Fact]
    public void A_participant_call_hands_the_media_events_of_its_conferences_commands_to_the_conference()
    {
        var call = ParkedAndAnswered();
        call.Command(new Voice.Core.Commands.JoinConferenceCall { CommandId = "j", ConferenceName = "room" });
        call.Media(new PlaybackEndedEvent { Id = "p", CallId = CallId, CommandId = ConferenceId + ":cmd7", Seq = call.TakeSeq() });
        var forwarded = call.Effect<SignalConference>();
        Assert.Equal("room", forwarded.ConferenceName);
        Assert.Equal(ConferenceId + ":cmd7", Assert.IsType<ConferenceMediaEventReceived>(forwarded.Signal).Event.CommandId);

        // Its own media is not handed over.
        call.Media(new PlaybackEndedEvent { Id = "q", CallId = CallId, CommandId = CallId + ":cmd1", Seq = call.TakeSeq() });
        Assert.Empty(call.Effects.OfType<SignalConference>());
    }
}
