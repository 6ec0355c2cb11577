using Voice.Core.Commands;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class CallTranscriptionTests
{
    [Fact]
    public void Transcription_starts_on_the_node_with_the_settings_and_final_results_are_kept()
    {
        var call = ParkedAndAnswered();
        call.Command(new StartTranscription
        {
            CommandId = "t1",
            Tracks = "both",
            InterimResults = true,
            Speech = new SpeechInput { Engine = "azure", Language = "en-GB", Hints = ["sales"], EndSilenceSeconds = 0.6 },
        });
        var start = call.Command<StartTranscriptionCommand>();
        Assert.Equal(("both", true, "azure", "en-GB", 0.6), (start.Tracks, start.InterimResults, start.Speech.Engine, start.Speech.Language, start.Speech.EndSilenceSeconds));
        Assert.Equal(["sales"], start.Speech.Hints);

        var partial = call.Media(new TranscriptionEvent { Id = "n1", CallId = CallId, CommandId = start.Id, Track = "inbound", Text = "sal" });
        Assert.Empty(partial.OfType<SaveTranscriptSegment>());
        var final = call.Media(new TranscriptionEvent { Id = "n2", CallId = CallId, CommandId = start.Id, Track = "inbound", Text = "sales", IsFinal = true, Confidence = 0.9, StartMs = 800, DurationMs = 700 });

        var segment = Assert.Single(final.OfType<SaveTranscriptSegment>()).Segment;
        Assert.Equal((CallId, "n2", "inbound", "sales", 0.9, 800L, 700L), (segment.CallId, segment.Id, segment.Track, segment.Text, segment.Confidence, segment.StartMs, segment.DurationMs));
        var published = final.OfType<PublishEvent>().Single().Event;
        Assert.Equal(VoiceEventTypes.CallTranscription, published.Type);
        Assert.Equal(("sales", true, "inbound"), ((string?)published.Data["transcript"], (bool?)published.Data["is_final"], (string?)published.Data["track"]));
    }

    [Fact]
    public void The_end_of_a_transcription_is_published_with_its_reason()
    {
        var call = ParkedAndAnswered();
        call.Command(new StopTranscription { CommandId = "t2" });
        var stop = call.Command<StopTranscriptionCommand>();

        var effects = call.Media(new TranscriptionStoppedEvent { Id = "n3", CallId = CallId, CommandId = stop.Id, Reason = "failed", Error = "no model" });

        var published = effects.OfType<PublishEvent>().Single().Event;
        Assert.Equal((VoiceEventTypes.CallTranscriptionStopped, "failed", "no model"), (published.Type, (string?)published.Data["reason"], (string?)published.Data["error"]));
    }

    [Fact]
    public void A_gather_with_speech_reports_what_was_said()
    {
        var call = ParkedAndAnswered();
        call.Command(new GatherDigits { CommandId = "g1", Dtmf = false, TimeoutSeconds = 5, Speech = new SpeechInput { Hints = ["yes", "no"] } });
        var gather = call.Command<GatherCommand>();
        Assert.False(gather.Dtmf);
        Assert.Equal(["yes", "no"], gather.Speech!.Hints);

        var effects = call.Media(new GatherEndedEvent
        {
            Id = "ge",
            CallId = CallId,
            CommandId = gather.Id,
            Digits = "",
            Reason = "speech",
            Speech = new SpeechInputResult { Results = [new("yes", 0.81)], EndReason = SpeechEndReasons.EndOnSilence },
        });

        var ended = effects.OfType<PublishEvent>().Single().Event;
        Assert.Equal(VoiceEventTypes.CallGatherEnded, ended.Type);
        Assert.Equal("yes", (string?)ended.Data["speech"]!["results"]![0]!["text"]);
        Assert.Equal(0.81, (double?)ended.Data["speech"]!["results"]![0]!["confidence"]);
        Assert.Equal(SpeechEndReasons.EndOnSilence, (string?)ended.Data["speech"]!["timeout_reason"]);
    }
}
