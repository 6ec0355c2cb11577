using Voice.Core.Lifecycles;
using Voice.Engine.Lifecycles;

namespace Voice.Orchestration;

/// <summary>
/// The input of <see cref="LifecycleFunctionNames.RunLifecycleStep"/>: one step's effects, run in order. For a call,
/// also its loop state before the step (<see cref="CallLoop"/>), so that the activity can apply what the effects
/// answer and run the work that follows in the same activity (see <see cref="LifecycleStepChain"/>).
/// </summary>
public sealed record LifecycleStepRequest(string InstanceId, IReadOnlyList<LifecycleEffect> Effects)
{
    public LifecycleLoopState<CallState>? CallLoop { get; init; }
}

/// <summary>
/// What a step's effects answered (fetched call flows), in effect order, for the orchestration to apply — or, when the
/// activity applied them itself, no answers and the call's loop state after all the work that followed
/// (<see cref="CallLoop"/>), which the orchestration takes as its own.
/// </summary>
public sealed record LifecycleStepResult(IReadOnlyList<CallSignal> Answers)
{
    public LifecycleLoopState<CallState>? CallLoop { get; init; }
}
