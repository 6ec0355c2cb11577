using System.Text.Json.Nodes;
using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>
/// Random signal sequences (a simulated media-node whose events repeat, reorder and get lost, webhooks that answer,
/// fail or answer late, timers, API deletes, child legs and conferences) checked against the call's invariants.
/// </summary>
public sealed class CallLifecyclePropertyTests
{
    private const int Runs = 1500;
    private const int StepsPerRun = 40;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The legal status changes, written out independently of the implementation.</summary>
    private static readonly HashSet<(CallStatus From, CallStatus To)> Legal =
    [
        (CallStatus.Queued, CallStatus.Ringing), (CallStatus.Queued, CallStatus.InProgress),
        (CallStatus.Queued, CallStatus.Busy), (CallStatus.Queued, CallStatus.NoAnswer),
        (CallStatus.Queued, CallStatus.Canceled), (CallStatus.Queued, CallStatus.Failed),
        (CallStatus.Ringing, CallStatus.InProgress), (CallStatus.Ringing, CallStatus.Busy),
        (CallStatus.Ringing, CallStatus.NoAnswer), (CallStatus.Ringing, CallStatus.Canceled),
        (CallStatus.Ringing, CallStatus.Failed),
        (CallStatus.InProgress, CallStatus.Completed),
    ];

    private static readonly string[] Flows =
    [
        """[{"action":"talk","text":"hi"},{"action":"stream","streamUrl":["https://c.example/a.wav"]}]""",
        """[{"action":"talk","text":"menu","bargeIn":true},{"action":"input","type":["dtmf"],"eventUrl":["https://a.example/ivr"]},{"action":"talk","text":"bye"}]""",
        """[{"action":"record","endOnKey":"#","eventUrl":["https://a.example/rec"]},{"action":"talk","text":"saved"}]""",
        """[{"action":"record","split":"conversation"},{"action":"connect","endpoint":[{"type":"phone","number":"15550009999"}]},{"action":"talk","text":"after"}]""",
        """[{"action":"conversation","name":"room","endOnExit":true},{"action":"talk","text":"left"}]""",
        """[{"action":"notify","payload":{"x":1},"eventUrl":["https://a.example/n"]},{"action":"input","type":["dtmf"]},{"action":"hangup"}]""",
        """[{"action":"hangup"}]""",
    ];

    private static readonly string?[] Answers = [.. Flows, null, "", "not json", """[{"action":"input","type":["speech"]}]""", "[]"];

    private static readonly string[] Causes = ["normal", "busy", "no_answer", "timeout", "canceled", "rejected", "not_found", "failed", "shutdown"];

    [Fact]
    public void Random_signal_sequences_keep_every_call_invariant()
    {
        var finals = new HashSet<CallStatus>();
        var commandTypes = new HashSet<Type>();
        for (var run = 0; run < Runs; run++)
        {
            var steps = Simulate((ulong)run, roundTripState: false);
            CheckInvariants(run, steps);
            finals.Add(steps[^1].State.Call.Status);
            commandTypes.UnionWith(steps.SelectMany(s => s.Effects).OfType<SendMediaCommand>().Select(e => e.Command.GetType()));
        }

        // The generator must reach every outcome and every kind of action, or the invariants prove little.
        Assert.Empty(Enum.GetValues<CallStatus>().Where(s => s.IsTerminal()).Except(finals));
        Assert.Empty(
            new HashSet<Type>
            {
                typeof(DialCommand), typeof(AnswerCommand), typeof(SayCommand), typeof(PlayCommand), typeof(GatherCommand),
                typeof(RecordCommand), typeof(StopRecordCommand), typeof(BridgeCommand), typeof(HangupCommand), typeof(RejectCommand),
            }.Except(commandTypes));
    }

    [Fact]
    public void Equal_inputs_give_equal_outputs_even_through_a_persisted_snapshot()
    {
        for (var run = 0; run < Runs / 3; run++)
        {
            var direct = Simulate((ulong)run, roundTripState: false);
            var again = Simulate((ulong)run, roundTripState: false);
            var persisted = Simulate((ulong)run, roundTripState: true);
            var expected = LifecycleJson.Serialize(direct);
            Assert.Equal(expected, LifecycleJson.Serialize(again));
            Assert.Equal(expected, LifecycleJson.Serialize(persisted));
        }
    }

    /// <summary>One step of a run: the state after it and the effects it produced.</summary>
    private sealed record Step(CallState State, IReadOnlyList<LifecycleEffect> Effects);

    private static List<Step> Simulate(ulong seed, bool roundTripState)
    {
        var random = new SeededRandom(seed);
        var node = new SimulatedNode(random);
        var now = T0;
        Transition<CallState> transition = random.Chance(50) ? StartOutbound(random, now) : StartInbound(now, node);
        var steps = new List<Step> { new(transition.State, transition.Effects) };
        var state = transition.State;
        for (var i = 0; i < StepsPerRun; i++)
        {
            now = now.AddMilliseconds(random.Next(5000));
            node.Observe(transition.Effects);
            var signal = NextSignal(random, state, node);
            if (roundTripState)
            {
                state = LifecycleJson.Deserialize<CallState>(LifecycleJson.Serialize(state));
            }

            transition = CallLifecycle.Instance.Apply(state, signal, now);
            state = transition.State;
            steps.Add(new Step(state, transition.Effects));
        }

        return steps;
    }

    private static Transition<CallState> StartOutbound(SeededRandom random, DateTimeOffset now)
    {
        var inline = random.Chance(30);
        var start = new StartOutboundCall
        {
            Call = new CallRecord
            {
                Id = "c",
                AccountId = "acct",
                Status = CallStatus.Queued,
                Direction = CallDirection.Outbound,
                From = "+15550001111",
                To = "+15550002222",
                Url = inline || random.Chance(10) ? null : "https://a.example/answer",
                StatusCallback = "https://a.example/status",
                Record = random.Chance(20),
                CreatedAt = now,
            },
            CallFlow = inline ? CallHarness.Flow(random.Pick(Flows)) : null,
            FallbackUrl = random.Chance(50) ? "https://b.example/answer" : null,
            LengthLimitSeconds = random.Chance(20) ? 60 : null,
        };
        return CallLifecycle.Instance.Start(start, now);
    }

    private static Transition<CallState> StartInbound(DateTimeOffset now, SimulatedNode node)
    {
        var incoming = new IncomingCallEvent { Id = "in", CallId = "c", Seq = node.TakeSeq(), From = "+1555000333", To = "+1555000444" };
        var start = new StartInboundCall { Incoming = incoming, AccountId = "acct", AnswerUrl = "https://a.example/answer", StatusCallback = "https://a.example/status" };
        return CallLifecycle.Instance.Start(start, now);
    }

    private static CallSignal NextSignal(SeededRandom random, CallState state, SimulatedNode node)
    {
        switch (random.Next(100))
        {
            case < 45:
                return node.NextDelivery(state) is { } mediaEvent ? new MediaEventReceived(mediaEvent) : new EndRequested();
            case < 65 when state.Fetch is { } fetch:
                return random.Next(10) switch
                {
                    < 5 => new CallFlowFetched(fetch.RequestId, fetch.Attempt, random.Pick(Answers)),
                    < 8 => new WebhookFailed(fetch.RequestId, fetch.Attempt, "HTTP 500"),
                    8 => new CallFlowFetched(fetch.RequestId, fetch.Attempt + 1, random.Pick(Flows)),
                    _ => new CallFlowFetched("c:f999", 1, random.Pick(Flows)),
                };
            case < 75:
                return new TimerFired(state.Timers.IsEmpty || random.Chance(20) ? "c:t:ring" : random.Pick(state.Timers));
            case < 80:
                return new EndRequested();
            case < 88:
                var child = state.ChildCallId ?? "c:leg-other";
                var status = random.Chance(40) ? CallStatus.InProgress : random.Pick(Enum.GetValues<CallStatus>());
                return new ChildCallStatusChanged(child, status);
            case < 94:
                var room = state.ConferenceName ?? "room";
                return random.Chance(50)
                    ? new ConferenceLeft(room, "end_on_exit")
                    : new ConferenceJoinRejected(room, "max_participants", "full");
            default:
                return node.Redeliver() is { } repeat ? new MediaEventReceived(repeat) : new TimerFired("c:t:gap");
        }
    }

    private static void CheckInvariants(int run, List<Step> steps)
    {
        var previous = steps[0].State.Call.Status;
        Assert.True(previous is CallStatus.Queued or CallStatus.Ringing, $"run {run}: starts {previous}");
        long lastSequence = 0;
        var effectIds = new HashSet<string>();
        var commandIds = new HashSet<string>();
        foreach (var step in steps)
        {
            var wasTerminal = previous.IsTerminal();
            if (wasTerminal)
            {
                // Only a background recording finished after the hangup may still be reported.
                Assert.All(step.Effects, e => Assert.True(
                    e is PostWebhook or SaveRecording or PublishEvent { Event.Type: VoiceEventTypes.CallRecordingSaved },
                    $"run {run}: {e.GetType().Name} after the call ended"));
            }

            foreach (var effect in step.Effects)
            {
                Assert.True(effectIds.Add(effect.Id), $"run {run}: effect id {effect.Id} repeated");
                if (effect is SaveCall save)
                {
                    var next = save.Call.Status;
                    Assert.True(next == previous || Legal.Contains((previous, next)), $"run {run}: illegal {previous} → {next}");
                    previous = next;
                }
                else if (effect is PublishEvent published)
                {
                    Assert.True(published.Event.Sequence == lastSequence + 1, $"run {run}: sequence {published.Event.Sequence} after {lastSequence}");
                    lastSequence = published.Event.Sequence;
                }
                else if (effect is PostStatusCallback callback)
                {
                    var payload = JsonNode.Parse(callback.PayloadJson)!;
                    Assert.Equal(lastSequence, payload["sequence"]!.GetValue<long>());
                    Assert.Equal(previous.ToWire(), payload["status"]!.GetValue<string>());
                }
                else if (effect is SendMediaCommand send)
                {
                    Assert.True(commandIds.Add(send.Command.Id), $"run {run}: command id {send.Command.Id} repeated");
                }
            }

            Assert.Equal(previous, step.State.Call.Status);
        }

        var call = steps[^1].State.Call;
        if (call.Status.IsTerminal())
        {
            Assert.NotNull(call.EndTime);
            Assert.Equal(call.Status == CallStatus.Completed, call.StartTime is not null);
            Assert.Equal(call.StartTime is { } start ? (int)(call.EndTime!.Value - start).TotalSeconds : 0, call.Duration);
            Assert.Empty(steps[^1].State.Timers);
        }
    }

    /// <summary>
    /// A media-node that reacts plausibly to the commands it is sent and emits sequenced events, which the
    /// network then delivers out of order, twice, or not at all.
    /// </summary>
    private sealed class SimulatedNode(SeededRandom random)
    {
        private readonly List<MediaEvent> outbox = [];
        private readonly List<MediaEvent> delivered = [];
        private readonly List<string> recordings = [];
        private long seq;

        public long TakeSeq() => ++seq;

        public void Observe(IReadOnlyList<LifecycleEffect> effects)
        {
            foreach (var command in effects.OfType<SendMediaCommand>().Select(e => e.Command))
            {
                switch (command)
                {
                    case DialCommand:
                        if (random.Chance(70))
                        {
                            Emit(new RingingEvent { Id = "r", CallId = "c" });
                        }

                        Emit(random.Chance(75) ? new AnsweredEvent { Id = "a", CallId = "c" } : Hangup());
                        break;
                    case AnswerCommand:
                        Emit(new AnsweredEvent { Id = "a", CallId = "c", CommandId = command.Id });
                        break;
                    case SayCommand or PlayCommand:
                        Emit(new PlaybackStartedEvent { Id = "ps", CallId = "c", CommandId = command.Id });
                        Emit(random.Chance(90)
                            ? new PlaybackEndedEvent { Id = "pe", CallId = "c", CommandId = command.Id }
                            : new MediaErrorEvent { Id = "er", CallId = "c", CommandId = command.Id, Code = "x", Message = "x" });
                        break;
                    case GatherCommand:
                        Emit(new DtmfEvent { Id = "d", CallId = "c", Digit = "1" });
                        Emit(new GatherEndedEvent { Id = "g", CallId = "c", CommandId = command.Id, Digits = "1", Reason = "max_digits" });
                        break;
                    case RecordCommand record:
                        recordings.Add(record.RecordingId);
                        if (random.Chance(50))
                        {
                            Emit(new DtmfEvent { Id = "d", CallId = "c", Digit = "#" });
                        }

                        Emit(Saved(record.RecordingId));
                        break;
                }
            }
        }

        public MediaEvent? NextDelivery(CallState state)
        {
            if (outbox.Count == 0 || random.Chance(10))
            {
                Emit(random.Next(4) switch
                {
                    0 => Hangup(),
                    1 => new DtmfEvent { Id = "d", CallId = "c", Digit = "5" },
                    2 when recordings.Count > 0 => Saved(random.Pick(recordings)),
                    _ => new PlaybackEndedEvent { Id = "pe", CallId = "c", CommandId = state.Waiting?.Ref ?? "stale" },
                });
            }

            var index = random.Next(Math.Min(3, outbox.Count));
            var next = outbox[index];
            outbox.RemoveAt(index);
            if (random.Chance(3))
            {
                return NextDelivery(state);
            }

            delivered.Add(next);
            return next;
        }

        public MediaEvent? Redeliver() => delivered.Count == 0 ? null : random.Pick(delivered);

        private void Emit(MediaEvent mediaEvent) => outbox.Add(mediaEvent with { Seq = ++seq });

        private HangupEvent Hangup() => new() { Id = "h", CallId = "c", Cause = random.Pick(Causes) };

        private static RecordingSavedEvent Saved(string recordingId) =>
            new() { Id = "s", CallId = "c", RecordingId = recordingId, BlobUrl = "https://blob/" + recordingId };
    }
}
