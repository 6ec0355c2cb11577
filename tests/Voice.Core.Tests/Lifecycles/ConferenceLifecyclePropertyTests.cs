using Voice.Core.Conferences;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>Random joins, leaves, updates, ends and media events (with repeats) checked against the conference's invariants.</summary>
public sealed class ConferenceLifecyclePropertyTests
{
    private const int Runs = 1500;
    private const int StepsPerRun = 30;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Calls = ["a", "b", "c", "d", "e", "f"];

    private static readonly HashSet<(ConferenceStatus From, ConferenceStatus To)> Legal =
    [
        (ConferenceStatus.Init, ConferenceStatus.InProgress),
        (ConferenceStatus.Init, ConferenceStatus.Completed),
        (ConferenceStatus.InProgress, ConferenceStatus.Completed),
    ];

    [Fact]
    public void Random_signal_sequences_keep_every_conference_invariant()
    {
        var completed = 0;
        var rejected = 0;
        for (var run = 0; run < Runs; run++)
        {
            var steps = Simulate((ulong)run, roundTripState: false);
            var previous = ConferenceStatus.Init;
            long lastSequence = 0;
            foreach (var (state, effects) in steps)
            {
                var wasTerminal = previous == ConferenceStatus.Completed;
                foreach (var save in effects.OfType<SaveConference>())
                {
                    var next = save.Conference.Status;
                    Assert.True(next == previous || Legal.Contains((previous, next)), $"run {run}: illegal {previous} → {next}");
                    previous = next;
                }

                Assert.Equal(previous, state.Conference.Status);
                Assert.Equal(state.Participants.Count, state.Conference.ParticipantCount);
                Assert.InRange(state.Participants.Count, 0, state.Conference.MaxParticipants);
                Assert.Equal(state.Participants.Count, state.Participants.Select(p => p.CallId).Distinct().Count());
                if (wasTerminal)
                {
                    Assert.DoesNotContain(effects, e => e is SaveConference or SendMediaCommand);
                }

                if (state.Conference.Status == ConferenceStatus.Completed)
                {
                    Assert.Empty(state.Participants);
                }

                foreach (var published in effects.OfType<PublishEvent>())
                {
                    Assert.True(published.Event.Sequence == lastSequence + 1, $"run {run}: sequence {published.Event.Sequence} after {lastSequence}");
                    lastSequence = published.Event.Sequence;
                    rejected += published.Event.Type == VoiceEventTypes.ConferenceParticipantRejected ? 1 : 0;
                }
            }

            completed += previous == ConferenceStatus.Completed ? 1 : 0;
        }

        Assert.InRange(completed, 1, Runs - 1);
        Assert.NotEqual(0, rejected);
    }

    [Fact]
    public void Equal_inputs_give_equal_outputs_even_through_a_persisted_snapshot()
    {
        for (var run = 0; run < Runs / 3; run++)
        {
            var expected = LifecycleJson.Serialize(Simulate((ulong)run, roundTripState: false));
            Assert.Equal(expected, LifecycleJson.Serialize(Simulate((ulong)run, roundTripState: false)));
            Assert.Equal(expected, LifecycleJson.Serialize(Simulate((ulong)run, roundTripState: true)));
        }
    }

    private static List<Transition<ConferenceState>> Simulate(ulong seed, bool roundTripState)
    {
        var random = new SeededRandom(seed + 10_000);
        var record = new ConferenceRecord
        {
            Id = "conf",
            AccountId = "acct",
            Status = ConferenceStatus.Init,
            MaxParticipants = 1 + random.Next(5),
            Record = random.Chance(30),
            DateCreated = T0,
        };
        var now = T0;
        var transition = ConferenceLifecycle.Instance.Start(new ConferenceStart(record, "room"), now);
        var steps = new List<Transition<ConferenceState>> { transition };
        var delivered = new List<ConferenceSignal>();
        for (var i = 0; i < StepsPerRun; i++)
        {
            now = now.AddSeconds(random.Next(30));
            var state = roundTripState ? LifecycleJson.Deserialize<ConferenceState>(LifecycleJson.Serialize(transition.State)) : transition.State;
            var signal = delivered.Count > 0 && random.Chance(15) ? random.Pick(delivered) : NextSignal(random, state);
            delivered.Add(signal);
            transition = ConferenceLifecycle.Instance.Apply(state, signal, now);
            steps.Add(transition);
        }

        return steps;
    }

    private static ConferenceSignal NextSignal(SeededRandom random, ConferenceState state) => random.Next(100) switch
    {
        < 50 => new JoinConference
        {
            CallId = random.Pick(Calls),
            StartOnEnter = random.Chance(60),
            EndOnExit = random.Chance(15),
            Muted = random.Chance(20),
            Record = random.Chance(10),
            MusicOnHoldUrl = random.Chance(50) ? "https://m.example/hold.wav" : null,
        },
        < 80 => new LeaveConference(random.Pick(Calls), CallEnded: random.Chance(70)),
        < 88 => new UpdateConferenceParticipant(random.Pick(Calls), random.Chance(50), random.Chance(50) ? true : null),
        < 90 => new EndConference { HangUpParticipants = random.Chance(50) },
        < 94 => new RecordConference("conf", (ConferenceRecordingAction)random.Next(4)),
        < 95 => new ConferenceTimerFired(ConferenceLifecycle.ExpiryTimer),
        < 97 => new ChangeConferenceParticipants { ConferenceId = "conf", CallIds = [random.Pick(Calls)], EndOnExit = random.Chance(50) },
        < 98 => new SendDigitsToConference { ConferenceId = "conf", Digits = "1#" },
        _ => new ConferenceMediaEventReceived(new RecordingSavedEvent
        {
            Id = "s",
            CallId = "conf",
            RecordingId = state.RecordingId ?? "unknown",
            BlobUrl = "https://blob/x.wav",
        }),
    };
}
