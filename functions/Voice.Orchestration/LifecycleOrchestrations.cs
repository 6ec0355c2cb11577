using Microsoft.DurableTask;

namespace Voice.Orchestration;

/// <summary>The orchestrator bodies, one per lifecycle; instance id = call id, or <see cref="ConferenceInstanceIds"/>.</summary>
public static class LifecycleOrchestrations
{
    public static async Task<string?> RunCallAsync(TaskOrchestrationContext context, string? input)
    {
        await DurableLifecycleLoop.RunAsync(context, LifecycleDefinitions.Call, input ?? throw new ArgumentNullException(nameof(input)));
        return null;
    }

    public static async Task<string?> RunConferenceAsync(TaskOrchestrationContext context, string? input)
    {
        await DurableLifecycleLoop.RunAsync(context, LifecycleDefinitions.Conference, input ?? throw new ArgumentNullException(nameof(input)));
        return null;
    }
}
