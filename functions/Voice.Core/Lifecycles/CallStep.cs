using System.Text.Json.Nodes;
using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// The working area of one <see cref="CallLifecycle"/> step: the state being built and the effects emitted so
/// far, plus the helpers that keep ids, sequences and records consistent. Lives for one signal only.
/// </summary>
internal sealed class CallStep(CallState state, DateTimeOffset now)
{
    private readonly EffectBuffer buffer = new(state.Call.Id, state.IdCounter, state.EventSequence, now, state.Call.Node);

    public CallState State { get; set; } = state;

    public DateTimeOffset Now { get; } = now;

    public CallRecord Call => State.Call;

    public CallStatus Status => State.Call.Status;

    public Transition<CallState> Finish() => new(
        State with { SignalCount = State.SignalCount + 1, IdCounter = buffer.IdCounter, EventSequence = buffer.EventSequence },
        buffer.Effects);

    /// <summary>A new id, unique in this call: <c>{callId}:{kind}{n}</c>.</summary>
    public string NextId(string kind) => buffer.NextId(kind);

    /// <summary>The id of a new call leg this call starts (a connect or a transfer): a well-formed call id, deterministic.</summary>
    public string NextCallId() => SortableIds.Derived(SortableIds.CallPrefix, Now, NextId("leg"));

    public void Emit(Func<string, LifecycleEffect> create) => buffer.Emit(create);

    /// <summary>Sends a media command; <paramref name="create"/> gets the new command id.</summary>
    public string Send(Func<string, MediaCommand> create) => buffer.Send(create);

    /// <summary>
    /// Publishes an event about the call: its fields plus <paramref name="extra"/>. A call that reports every event
    /// (<see cref="CallReporting.EveryEvent"/>) gets it as a webhook too.
    /// </summary>
    public VoiceEvent Publish(string type, JsonObject? extra = null) =>
        buffer.Publish(
            type,
            Call.AccountId,
            $"/calls/{Call.Id}",
            EffectBuffer.Merge(CallPayloads.Call(Call), extra),
            Call.Reporting == CallReporting.EveryEvent ? Call.StatusCallback : null,
            Call.Dialect);

    /// <summary>
    /// Changes the record, saves it, publishes <paramref name="eventType"/>, posts the status callback and tells a parent
    /// call. <paramref name="extra"/> (e.g. why the call ended) goes into both the event and the status callback.
    /// </summary>
    public void ChangeStatus(Func<CallRecord, CallRecord> change, string eventType, JsonObject? extra = null)
    {
        State = State with { Call = change(Call) };
        Emit(id => new SaveCall { Id = id, Call = Call });
        var published = Publish(eventType, extra);
        if (Call.StatusCallback is { } url && Call.Reporting == CallReporting.StatusChanges)
        {
            var payload = EffectBuffer.Merge(CallPayloads.StatusCallback(Call, published.Id, published.Sequence, Now), extra).ToJsonString();
            Emit(id => new PostStatusCallback { Id = id, Url = url, PayloadJson = payload });
        }

        if (Call.ParentCallId is { } parent)
        {
            var signal = new ChildCallStatusChanged(Call.Id, Call.Status);
            Emit(id => new SignalCall { Id = id, CallId = parent, Signal = signal });
        }
    }

    public string StartTimer(string name, DateTimeOffset dueAt)
    {
        var timerId = TimerId(name);
        if (!State.Timers.Contains(timerId))
        {
            State = State with { Timers = State.Timers.Add(timerId) };
        }

        Emit(id => new StartTimer { Id = id, TimerId = timerId, DueAt = dueAt });
        return timerId;
    }

    public void CancelTimer(string name)
    {
        var timerId = TimerId(name);
        if (State.Timers.Contains(timerId))
        {
            State = State with { Timers = State.Timers.Remove(timerId) };
            Emit(id => new CancelTimer { Id = id, TimerId = timerId });
        }
    }

    public void CancelAllTimers()
    {
        foreach (var timerId in State.Timers)
        {
            Emit(id => new CancelTimer { Id = id, TimerId = timerId });
        }

        State = State with { Timers = [] };
    }

    private string TimerId(string name) => $"{Call.Id}:t:{name}";
}
