namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's Durable Task settings (<c>DevHost:Durable:*</c>), the local counterparts of host.json's
/// <c>extensions.durableTask</c>: the same hub name and partition count; queue polling tighter, since Azurite polls
/// cost nothing.
/// </summary>
public sealed record DurableSettings
{
    public string TaskHubName { get; init; } = "DevHostLifecycles";

    public int PartitionCount { get; init; } = 1;

    public int MaxQueuePollingIntervalMs { get; init; } = 50;

    public bool ExtendedSessions { get; init; } = true;

    /// <summary>How long an orchestration stays in memory waiting for its next event (host.json: <c>extendedSessionIdleTimeoutInSeconds</c>).</summary>
    public int ExtendedSessionIdleSeconds { get; init; } = 10;

    /// <summary>Orchestration work items at once (host.json: <c>maxConcurrentOrchestratorFunctions</c>); half of them may be extended sessions.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 1000;

    /// <summary>Activities at once (host.json: <c>maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivities { get; init; } = 32;

    /// <summary>How long a partition lease lasts unrenewed: how soon a restarted DevHost owns the task hub again.</summary>
    public int LeaseSeconds { get; init; } = 6;

    public static DurableSettings From(IConfiguration configuration) =>
        configuration.GetSection("DevHost:Durable").Get<DurableSettings>() ?? new DurableSettings();
}
