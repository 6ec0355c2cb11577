using System.Security.Cryptography;
using System.Text;
using Azure.Messaging;
using Voice.Events.CloudEvents;

namespace Voice.Events.Delivery;

/// <summary>
/// One event on its way to one endpoint, as persisted in the <c>webhookdeliveries</c> table until it is
/// delivered or dead-lettered. Deliveries of the same <see cref="Lane"/> (target + subject) go strictly in
/// <see cref="Sequence"/> order.
/// </summary>
public sealed record PendingDelivery
{
    /// <summary>Stable across retries and repeated publishes of the same event (derived from event id and target).</summary>
    public required string DeliveryId { get; init; }

    public required DeliveryKind Kind { get; init; }

    /// <summary>Subscription name, or <c>webhook</c> for per-call webhooks.</summary>
    public required string TargetName { get; init; }

    /// <summary>The primary endpoint; it names the lane, so a delivery that fails over stays in order with its lane.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Where the delivery goes once the primary's attempts have failed (Telnyx's webhook failover URL), if anywhere.</summary>
    public string? FailoverEndpoint { get; init; }

    /// <summary>True once the delivery has moved to <see cref="FailoverEndpoint"/>; its later attempts go there.</summary>
    public bool OnFailover { get; init; }

    /// <summary>How long one attempt waits for a response; null: the engine's default.</summary>
    public int? AttemptTimeoutSeconds { get; init; }

    public required string AccountId { get; init; }

    public required string Subject { get; init; }

    public required long Sequence { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The CloudEvent in structured-mode JSON.</summary>
    public required string EventJson { get; init; }

    /// <summary>When the event was accepted; the time-to-live counts from here.</summary>
    public required DateTimeOffset AcceptedAt { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }

    public int? LastStatusCode { get; init; }

    public string? LastOutcome { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>Where the next attempt goes: the failover endpoint once the delivery has moved there, else the primary.</summary>
    public string Target => OnFailover && FailoverEndpoint is { } failover ? failover : Endpoint;

    /// <summary>Ordering scope: one target endpoint and one subject.</summary>
    public string Lane => $"{Kind}|{TargetName}|{Endpoint}|{Subject}";

    /// <summary>A first delivery of <paramref name="cloudEvent"/> to one target, due now.</summary>
    public static PendingDelivery Create(CloudEvent cloudEvent, DeliveryKind kind, string targetName, string endpoint, DateTimeOffset now) => new()
    {
        DeliveryId = DeliveryIdFor(cloudEvent.Id, kind, targetName, endpoint),
        Kind = kind,
        TargetName = targetName,
        Endpoint = endpoint,
        AccountId = VoiceCloudEvents.AccountIdOf(cloudEvent) ?? "",
        Subject = cloudEvent.Subject ?? "",
        Sequence = VoiceCloudEvents.SequenceOf(cloudEvent) ?? 0,
        EventId = cloudEvent.Id,
        EventType = cloudEvent.Type,
        EventJson = Encoding.UTF8.GetString(VoiceCloudEvents.ToJsonBytes(cloudEvent)),
        AcceptedAt = now,
        NextAttemptAt = now,
    };

    private static string DeliveryIdFor(string eventId, DeliveryKind kind, string targetName, string endpoint)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId}\n{kind}\n{targetName}\n{endpoint}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
