namespace Voice.Storage;

/// <summary>Names of the tables and containers the product owns (queues: see Voice.Media.Contracts.MediaQueues).</summary>
public static class StorageNames
{
    public const string CallsTable = "calls";
    public const string ConferencesTable = "conferences";
    public const string PhoneNumbersTable = "phonenumbers";
    public const string NumberRoutesTable = "numberroutes";
    public const string SipAddressesTable = "sipaddresses";
    public const string ApiKeysTable = "apikeys";
    public const string AccountKeysTable = "accountkeys";
    public const string ApplicationsTable = "applications";
    public const string AuditLogTable = "auditlog";
    public const string AccountsTable = "accounts";
    public const string RecordingsTable = "recordings";
    public const string QueuesTable = "queues";
    public const string TranscriptsTable = "transcripts";
    public const string AnalyticsTable = "analytics";
    public const string RateLimitsTable = "ratelimits";

    /// <summary>Which live calls each media node holds (<see cref="NodeCallIndex"/>).</summary>
    public const string NodeCallsTable = "nodecalls";
    public const string DeadLetterContainer = "deadletter";

    /// <summary>
    /// The queue the platform's Event Grid subscription delivers CloudEvents into (the Event Grid trigger's worker
    /// extension is not available); the <c>WebhookDispatcher</c> queue trigger reads it.
    /// </summary>
    public const string WebhookEventsQueue = "webhook-events";
}
