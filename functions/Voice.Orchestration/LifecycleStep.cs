using Voice.Core.Lifecycles;

namespace Voice.Orchestration;

/// <summary>The input of <see cref="LifecycleFunctionNames.RunLifecycleStep"/>: one step's effects, run in order.</summary>
public sealed record LifecycleStepRequest(string InstanceId, IReadOnlyList<LifecycleEffect> Effects);

/// <summary>What a step's effects answered (fetched call flows), in effect order, for the orchestration to apply.</summary>
public sealed record LifecycleStepResult(IReadOnlyList<CallSignal> Answers);
