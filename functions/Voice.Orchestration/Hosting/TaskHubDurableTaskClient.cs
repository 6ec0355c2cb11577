using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Voice.Orchestration.Hosting;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over a DurableTask.Core <see cref="IOrchestrationServiceClient"/> (the
/// Azure Storage provider in DevHost, the in-memory one in tests), so that the code the Functions app runs with its
/// Durable client binding runs unchanged outside the Functions host. The SDK's own adapter for this
/// (OrchestrationServiceClientShim) is not served by the package source. Listing and purging instances are not
/// offered: nothing here needs them.
/// </summary>
public sealed class TaskHubDurableTaskClient(IOrchestrationServiceClient service, DataConverter? converter = null) : DurableTaskClient("voice")
{
    private readonly DataConverter converter = converter ?? JsonDataConverter.Default;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value),
        };

        // Dedupe statuses: a live instance with one of them makes the start fail with OrchestrationAlreadyExistsException.
        var dedupe = options?.DedupeStatuses?.Select(s => Enum.Parse<CoreStatus>(s)).ToArray();
        await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states?.FirstOrDefault() is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending } metadata)
            {
                return metadata;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { IsCompleted: true } metadata)
            {
                return metadata;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException("listing instances is not offered by DevHost's Durable client");

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = historyEvent });
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withData) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = state.CreatedTime,
        LastUpdatedAt = state.LastUpdatedTime,
        SerializedInput = withData ? state.Input : null,
        SerializedOutput = withData ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = state.FailureDetails is { } failure
            ? new TaskFailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, null, null)
            : null,
    };
}
