using Voice.Core.Conferences;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>
/// A minimal host for tests, following the loop contract of Lifecycles/README.md: it runs call and conference
/// instances, routes SignalCall / SignalConference / StartChildCall between them, answers webhook fetches from a
/// table of documents, and plays a scripted media-node that answers dials and finishes prompts.
/// </summary>
internal sealed class LifecycleNetwork
{
    private readonly Queue<(string Target, object Signal)> pending = new();
    private readonly Dictionary<string, long> nodeSeq = [];

    public DateTimeOffset Now { get; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public Dictionary<string, CallState> Calls { get; } = [];

    public Dictionary<string, ConferenceState> Conferences { get; } = [];

    /// <summary>Webhook URL → the call flow it answers with.</summary>
    public Dictionary<string, string> Webhooks { get; } = [];

    public List<MediaCommand> Commands { get; } = [];

    public List<LifecycleEffect> Effects { get; } = [];

    public int MaxParticipants { get; init; } = 250;

    public void Start(CallStart start)
    {
        if (start is StartInboundCall inbound)
        {
            nodeSeq[inbound.Incoming.CallId] = inbound.Incoming.Seq;
        }

        var transition = CallLifecycle.Instance.Start(start, Now);
        Calls[transition.State.Call.Id] = transition.State;
        Run(transition.Effects);
        Drain();
    }

    /// <summary>The node reports a media event for a call (with the next per-call sequence number).</summary>
    public void NodeEvent(MediaEvent mediaEvent)
    {
        Enqueue(mediaEvent);
        Drain();
    }

    private void Enqueue(MediaEvent mediaEvent)
    {
        var seq = nodeSeq[mediaEvent.CallId] = nodeSeq.GetValueOrDefault(mediaEvent.CallId) + 1;
        pending.Enqueue((mediaEvent.CallId, new MediaEventReceived(mediaEvent with { Seq = seq })));
    }

    private void Drain()
    {
        while (pending.TryDequeue(out var next))
        {
            if (next.Signal is CallSignal callSignal && Calls.TryGetValue(next.Target, out var call))
            {
                var transition = CallLifecycle.Instance.Apply(call, callSignal, Now);
                Calls[next.Target] = transition.State;
                Run(transition.Effects);
            }
            else if (next.Signal is ConferenceSignal conferenceSignal)
            {
                var transition = ConferenceLifecycle.Instance.Apply(Conferences[next.Target], conferenceSignal, Now);
                Conferences[next.Target] = transition.State;
                Run(transition.Effects);
            }
        }
    }

    private void Run(IReadOnlyList<LifecycleEffect> effects)
    {
        Effects.AddRange(effects);
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case SendMediaCommand send:
                    Commands.Add(send.Command);
                    React(send.Command);
                    break;
                case FetchCallFlow fetch:
                    pending.Enqueue((CallIdOf(fetch.RequestId), new CallFlowFetched(fetch.RequestId, fetch.Attempt, Webhooks.GetValueOrDefault(fetch.Url))));
                    break;
                case StartChildCall child:
                    var transition = CallLifecycle.Instance.Start(child.Start, Now);
                    Calls[child.Start.Call.Id] = transition.State;
                    Run(transition.Effects);
                    break;
                case SignalCall signal:
                    pending.Enqueue((signal.CallId, signal.Signal));
                    break;
                case SignalConference signal:
                    var key = $"{signal.AccountId}/{signal.ConferenceName}";
                    if (!Conferences.TryGetValue(key, out var conference) || ConferenceLifecycle.Instance.IsFinished(conference))
                    {
                        var record = new ConferenceRecord
                        {
                            Id = $"conf-{Conferences.Count + 1}",
                            AccountId = signal.AccountId,
                            Status = ConferenceStatus.Init,
                            MaxParticipants = MaxParticipants,
                            DateCreated = Now,
                        };
                        var started = ConferenceLifecycle.Instance.Start(new ConferenceStart(record, signal.ConferenceName), Now);
                        Conferences[key] = started.State;
                        Run(started.Effects);
                    }

                    pending.Enqueue((key, signal.Signal));
                    break;
            }
        }
    }

    /// <summary>The scripted node: dials and answers succeed, prompts finish, hangups are confirmed.</summary>
    private void React(MediaCommand command)
    {
        var callId = command.CallId;
        switch (command)
        {
            case DialCommand:
                Enqueue(new RingingEvent { Id = "r", CallId = callId });
                Enqueue(new AnsweredEvent { Id = "a", CallId = callId });
                break;
            case AnswerCommand:
                Enqueue(new AnsweredEvent { Id = "a", CallId = callId, CommandId = command.Id });
                break;
            case SayCommand or PlayCommand when !IsHoldMusic(command):
                Enqueue(new PlaybackEndedEvent { Id = "p", CallId = callId, CommandId = command.Id });
                break;
            case HangupCommand or RejectCommand:
                Enqueue(new HangupEvent { Id = "h", CallId = callId, Cause = "normal", Side = "local", CommandId = command.Id });
                break;
        }
    }

    private static bool IsHoldMusic(MediaCommand command) => command is PlayCommand { Loop: 0 };

    private static string CallIdOf(string requestId) => requestId[..requestId.LastIndexOf(':')];
}
