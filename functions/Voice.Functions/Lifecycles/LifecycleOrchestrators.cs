using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Voice.Orchestration;

namespace Voice.Functions.Lifecycles;

/// <summary>One orchestration per call and per conference; the bodies are shared with DevHost (Voice.Orchestration).</summary>
public static class LifecycleOrchestrators
{
    [Function(LifecycleFunctionNames.CallOrchestrator)]
    public static Task<string?> CallOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, string input) =>
        LifecycleOrchestrations.RunCallAsync(context, input);

    [Function(LifecycleFunctionNames.ConferenceOrchestrator)]
    public static Task<string?> ConferenceOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context, string input) =>
        LifecycleOrchestrations.RunConferenceAsync(context, input);
}
