using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Applies a call's media events exactly once and in sequence order. A repeat (sequence already applied or already
/// held) is dropped; an event ahead of a gap is held until the gap fills, or until the reorder timer fires or too
/// many events are held — then the gap is skipped. Events without a sequence (0) are applied as they come.
/// </summary>
internal static class MediaEventSequencer
{
    public static void Receive(CallStep step, MediaEvent mediaEvent, Action<CallStep, MediaEvent> apply)
    {
        var state = step.State;
        if (mediaEvent.Seq <= 0)
        {
            apply(step, mediaEvent);
            return;
        }

        if (mediaEvent.Seq < state.NextMediaSeq || state.HeldEvents.Any(e => e.Seq == mediaEvent.Seq))
        {
            return;
        }

        if (mediaEvent.Seq > state.NextMediaSeq)
        {
            var index = state.HeldEvents.FindIndex(e => e.Seq > mediaEvent.Seq);
            var held = index < 0 ? state.HeldEvents.Add(mediaEvent) : state.HeldEvents.Insert(index, mediaEvent);
            step.State = state with { HeldEvents = held };
            if (held.Count > CallLifecycle.MaxHeldEvents)
            {
                SkipGap(step, apply);
            }
            else if (held.Count == 1)
            {
                step.StartTimer(CallLifecycle.GapTimer, step.Now + CallLifecycle.ReorderWindow);
            }

            return;
        }

        step.State = state with { NextMediaSeq = mediaEvent.Seq + 1 };
        apply(step, mediaEvent);
        Drain(step, apply);
    }

    /// <summary>Gives up on the missing events: continues with the first held one.</summary>
    public static void SkipGap(CallStep step, Action<CallStep, MediaEvent> apply)
    {
        if (step.State.HeldEvents.IsEmpty)
        {
            return;
        }

        step.State = step.State with { NextMediaSeq = step.State.HeldEvents[0].Seq };
        Drain(step, apply);
    }

    private static void Drain(CallStep step, Action<CallStep, MediaEvent> apply)
    {
        while (!step.State.HeldEvents.IsEmpty && step.State.HeldEvents[0].Seq == step.State.NextMediaSeq)
        {
            var next = step.State.HeldEvents[0];
            step.State = step.State with { HeldEvents = step.State.HeldEvents.RemoveAt(0), NextMediaSeq = next.Seq + 1 };
            apply(step, next);
        }

        if (step.State.HeldEvents.IsEmpty)
        {
            step.CancelTimer(CallLifecycle.GapTimer);
        }
    }
}
