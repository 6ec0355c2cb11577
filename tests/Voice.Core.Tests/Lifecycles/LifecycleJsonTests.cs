using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class LifecycleJsonTests
{
    [Fact]
    public void A_call_state_in_the_middle_of_a_flow_round_trips_through_json()
    {
        var call = Running("""
            [{"action":"record","split":"conversation","eventUrl":["https://app.example/rec"]},
             {"action":"talk","text":"Menu","bargeIn":true},
             {"action":"input","type":["dtmf"],"eventUrl":["https://app.example/ivr"]},
             {"action":"connect","endpoint":[{"type":"sip","uri":"sip:a@b"}]},
             {"action":"conversation","name":"room","canHear":[]},
             {"action":"notify","payload":{"a":[1,2]},"eventUrl":["https://app.example/n"]},
             {"action":"stream","streamUrl":["https://cdn.example/x.wav"]},
             {"action":"hangup"}]
            """);
        call.Apply(new MediaEventReceived(new DtmfEvent { Id = "d", CallId = CallId, Digit = "1", Seq = 9 }));

        var json = LifecycleJson.Serialize(call.State);
        var restored = LifecycleJson.Deserialize<CallState>(json);

        Assert.Equal(json, LifecycleJson.Serialize(restored));
        Assert.Single(restored.HeldEvents);
        Assert.Equal(8, restored.Flow!.Actions.Count);
    }

    [Fact]
    public void A_restored_state_behaves_like_the_original()
    {
        var call = Running("""[{"action":"talk","text":"a"},{"action":"talk","text":"b"}]""");
        var restored = LifecycleJson.Deserialize<CallState>(LifecycleJson.Serialize(call.State));
        var signal = new MediaEventReceived(new PlaybackEndedEvent { Id = "p", CallId = CallId, CommandId = call.State.Waiting!.Ref, Seq = 3 });

        var original = CallLifecycle.Instance.Apply(call.State, signal, T0);
        var replayed = CallLifecycle.Instance.Apply(restored, signal, T0);

        Assert.Equal(LifecycleJson.Serialize(original), LifecycleJson.Serialize(replayed));
    }

    [Fact]
    public void A_save_recording_effect_round_trips_with_its_discriminator()
    {
        LifecycleEffect effect = new SaveRecording
        {
            Id = "CA1:x4",
            Recording = Recordings.SavedRecordings.Record(
                new RecordingSavedEvent { Id = "e", CallId = CallId, RecordingId = "CA1:r3", BlobUrl = "https://blob/r.wav", DurationMs = 1500, Channels = 2, SizeBytes = 48_044 },
                "acct", CallId, conferenceId: null, T0),
        };

        var json = LifecycleJson.Serialize(effect);

        Assert.Contains("\"effect\":\"save_recording\"", json, StringComparison.Ordinal);
        var restored = Assert.IsType<SaveRecording>(LifecycleJson.Deserialize<LifecycleEffect>(json));
        Assert.Equal(((SaveRecording)effect).Recording, restored.Recording);
    }

    [Fact]
    public void Effects_and_signals_serialize_with_type_discriminators()
    {
        var call = Outbound();
        var json = LifecycleJson.Serialize(call.Effects);
        Assert.Contains("\"effect\":\"send_media_command\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"dial\"", json, StringComparison.Ordinal);

        var effects = LifecycleJson.Deserialize<List<LifecycleEffect>>(json);
        Assert.Equal(json, LifecycleJson.Serialize(effects));

        CallSignal signal = new ChildCallStatusChanged("c", Calls.CallStatus.InProgress);
        Assert.Equal(signal, LifecycleJson.Deserialize<CallSignal>(LifecycleJson.Serialize(signal)));
    }

    [Fact]
    public void A_conference_state_round_trips_through_json()
    {
        var start = ConferenceLifecycle.Instance.Start(
            new ConferenceStart(
                new Conferences.ConferenceRecord { Id = "c", AccountId = "a", Status = Conferences.ConferenceStatus.Init, DateCreated = T0, Record = true },
                "room"),
            T0);
        var joined = ConferenceLifecycle.Instance.Apply(start.State, new JoinConference { CallId = "x", StartOnEnter = false, MusicOnHoldUrl = "https://m/h.wav" }, T0);

        var json = LifecycleJson.Serialize(joined.State);
        Assert.Equal(json, LifecycleJson.Serialize(LifecycleJson.Deserialize<ConferenceState>(json)));
    }
}
