namespace Voice.DevHost.Lifecycles;

/// <summary>
/// DevHost's Durable Task settings (<c>DevHost:Durable:*</c>), the local counterparts of host.json's
/// <c>extensions.durableTask</c>: the same hub name and partition count; queue polling tighter, since Azurite polls
/// cost nothing.
/// </summary>
public sealed record DurableSettings
{
    public string TaskHubName { get; init; } = "VoiceLifecycles";

    public int PartitionCount { get; init; } = 4;

    public int MaxQueuePollingIntervalMs { get; init; } = 100;

    public bool ExtendedSessions { get; init; } = true;

    /// <summary>How long a partition lease lasts unrenewed: how soon a restarted DevHost owns the task hub again.</summary>
    public int LeaseSeconds { get; init; } = 6;

    public static DurableSettings From(IConfiguration configuration) =>
        configuration.GetSection("DevHost:Durable").Get<DurableSettings>() ?? new DurableSettings();
}
