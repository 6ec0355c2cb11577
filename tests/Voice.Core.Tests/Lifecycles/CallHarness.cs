using Voice.Core.Accounts;
using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;

namespace Voice.Core.Tests.Lifecycles;

/// <summary>Drives one <see cref="CallLifecycle"/> through signals and keeps the effects of the last step.</summary>
internal sealed class CallHarness
{
    public const string CallId = "call-1";
    public const string AnswerUrl = "https://app.example/answer";
    public const string StatusUrl = "https://app.example/status";
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private long mediaSeq;

    private CallHarness(Transition<CallState> start, long firstSeq)
    {
        State = start.State;
        Effects = start.Effects;
        All.AddRange(start.Effects);
        mediaSeq = firstSeq;
    }

    public CallState State { get; set; }

    public DateTimeOffset Now { get; private set; } = T0;

    /// <summary>Effects of the last step.</summary>
    public IReadOnlyList<LifecycleEffect> Effects { get; private set; }

    public List<LifecycleEffect> All { get; } = [];

    public CallStatus Status => State.Call.Status;

    public IReadOnlyList<MediaCommand> Commands => [.. Effects.OfType<SendMediaCommand>().Select(e => e.Command)];

    public IReadOnlyList<string> EventTypes => [.. Effects.OfType<PublishEvent>().Select(e => e.Event.Type)];

    public static CallHarness Outbound(
        string? url = AnswerUrl,
        string? flowJson = null,
        bool record = false,
        string? fallbackUrl = null,
        int? lengthLimit = null,
        string? parentCallId = null,
        IReadOnlyList<CallCommand>? answerCommands = null)
    {
        var call = new CallRecord
        {
            Id = CallId,
            AccountId = "acct-1",
            Status = CallStatus.Queued,
            Direction = CallDirection.Outbound,
            From = "+15550001111",
            To = "+15550002222",
            Url = url,
            StatusCallback = StatusUrl,
            TimeoutSeconds = 30,
            Record = record,
            CreatedAt = T0,
            ParentCallId = parentCallId,
        };
        var start = new StartOutboundCall
        {
            Call = call,
            CallFlow = flowJson is null ? null : Flow(flowJson),
            FallbackUrl = fallbackUrl,
            LengthLimitSeconds = lengthLimit,
            AnswerCommands = [.. answerCommands ?? []],
        };
        return new CallHarness(CallLifecycle.Instance.Start(start, T0), firstSeq: 0);
    }

    public static CallHarness Inbound(string? fallbackUrl = null)
    {
        var incoming = new IncomingCallEvent { Id = "ev-in", CallId = CallId, Seq = 1, From = "+15550003333", To = "+15550004444" };
        var start = new StartInboundCall
        {
            Incoming = incoming,
            AccountId = "acct-1",
            AnswerUrl = AnswerUrl,
            StatusCallback = StatusUrl,
            FallbackUrl = fallbackUrl,
        };
        return new CallHarness(CallLifecycle.Instance.Start(start, T0), firstSeq: 1);
    }

    /// <summary>An inbound call parked for commands (Telnyx Call Control): every event goes to <see cref="StatusUrl"/>.</summary>
    public static CallHarness Parked()
    {
        var incoming = new IncomingCallEvent { Id = "ev-in", CallId = CallId, Seq = 1, From = "+15550003333", To = "+15550004444" };
        var start = new StartInboundCall
        {
            Incoming = incoming,
            AccountId = "acct-1",
            AnswerUrl = "",
            StatusCallback = StatusUrl,
            Behaviour = InboundBehaviour.Park,
            ApplicationId = "app-1",
            Dialect = ApplicationDialect.Telnyx,
            Reporting = CallReporting.EveryEvent,
        };
        return new CallHarness(CallLifecycle.Instance.Start(start, T0), firstSeq: 1);
    }

    /// <summary>A parked inbound call that an answer command answered.</summary>
    public static CallHarness ParkedAndAnswered()
    {
        var harness = Parked();
        harness.Command(new AnswerCall { CommandId = "answer-1" });
        harness.Media(new AnsweredEvent { Id = "x", CallId = CallId });
        return harness;
    }

    public IReadOnlyList<LifecycleEffect> Command(CallCommand command) => Apply(new CommandRequested(command));

    /// <summary>An outbound call that is answered and has fetched <paramref name="flowJson"/> from its answer URL.</summary>
    public static CallHarness Running(string flowJson, string? fallbackUrl = null)
    {
        var harness = Outbound(fallbackUrl: fallbackUrl);
        harness.Media(new AnsweredEvent { Id = "x", CallId = CallId });
        harness.Respond(flowJson);
        return harness;
    }

    public static CallFlowDocument Flow(string json)
    {
        var parsed = CallFlowParser.Parse(json);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Value;
    }

    public IReadOnlyList<LifecycleEffect> Apply(CallSignal signal)
    {
        var transition = CallLifecycle.Instance.Apply(State, signal, Now);
        State = transition.State;
        Effects = transition.Effects;
        All.AddRange(transition.Effects);
        return Effects;
    }

    /// <summary>Delivers a media event with the next sequence number (unless it has one).</summary>
    public IReadOnlyList<LifecycleEffect> Media(MediaEvent mediaEvent) =>
        Apply(new MediaEventReceived(mediaEvent.Seq > 0 ? mediaEvent : mediaEvent with { Seq = ++mediaSeq }));

    public long TakeSeq() => ++mediaSeq;

    public void Advance(TimeSpan by) => Now += by;

    /// <summary>Answers the pending webhook fetch with <paramref name="document"/>.</summary>
    public IReadOnlyList<LifecycleEffect> Respond(string? document)
    {
        var fetch = State.Fetch ?? throw new InvalidOperationException("no fetch pending");
        return Apply(new CallFlowFetched(fetch.RequestId, fetch.Attempt, document));
    }

    public IReadOnlyList<LifecycleEffect> FailFetch(string reason = "HTTP 500")
    {
        var fetch = State.Fetch ?? throw new InvalidOperationException("no fetch pending");
        return Apply(new WebhookFailed(fetch.RequestId, fetch.Attempt, reason));
    }

    public T Command<T>()
        where T : MediaCommand => Assert.Single(Commands.OfType<T>());

    public T Effect<T>()
        where T : LifecycleEffect => Assert.Single(Effects.OfType<T>());

    /// <summary>Ends the running playback/gather command the flow waits on.</summary>
    public IReadOnlyList<LifecycleEffect> EndPlayback(string reason = "finished") =>
        Media(new PlaybackEndedEvent { Id = "pe", CallId = CallId, CommandId = State.Waiting!.Ref, Reason = reason });

    public IReadOnlyList<LifecycleEffect> EndGather(string digits, string reason = "max_digits", SpeechInputResult? speech = null) =>
        Media(new GatherEndedEvent { Id = "ge", CallId = CallId, CommandId = State.Waiting!.Ref, Digits = digits, Reason = reason, Speech = speech });

    public IReadOnlyList<LifecycleEffect> Hangup(string cause = "normal") =>
        Media(new HangupEvent { Id = "hu", CallId = CallId, Cause = cause });
}
