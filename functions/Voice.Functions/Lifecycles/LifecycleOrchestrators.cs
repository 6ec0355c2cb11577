using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Voice.Engine.Lifecycles;

namespace Voice.Functions.Lifecycles;

/// <summary>One orchestration per call (instance id = call id) and per conference; the loop is shared code.</summary>
public static class LifecycleOrchestrators
{
    [Function(nameof(CallOrchestrator))]
    public static Task CallOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableLifecycleLoop.RunAsync(context, CallLoops.Call, context.GetInput<string>()!);

    [Function(nameof(ConferenceOrchestrator))]
    public static Task ConferenceOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DurableLifecycleLoop.RunAsync(context, CallLoops.Conference, context.GetInput<string>()!);
}
