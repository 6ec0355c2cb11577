using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace Voice.Events.Delivery;

/// <summary>
/// How deliveries and lane leases are laid out in the <c>webhookdeliveries</c> table: one partition per lane (hash of
/// target + subject); delivery rows keyed by zero-padded sequence + delivery id, so a partition lists its lane in order;
/// the lane's lease row under <see cref="LeaseRowKey"/>, which sorts after every delivery row and shares the partition
/// so a delivery and its lease can change in one entity-group transaction.
/// </summary>
public static class DeliveryEntities
{
    /// <summary>Row key of a lane's lease; '~' sorts after the digits delivery row keys start with.</summary>
    public const string LeaseRowKey = "~lease";

    public static string PartitionKeyOf(string lane) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lane)).AsSpan(0, 16));

    public static string RowKeyOf(PendingDelivery delivery) =>
        delivery.Sequence.ToString("D20", CultureInfo.InvariantCulture) + "-" + delivery.DeliveryId;

    public static TableEntity ToEntity(PendingDelivery d) => new(PartitionKeyOf(d.Lane), RowKeyOf(d))
    {
        ["DeliveryId"] = d.DeliveryId,
        ["Kind"] = d.Kind.ToString(),
        ["TargetName"] = d.TargetName,
        ["Endpoint"] = d.Endpoint,
        ["FailoverEndpoint"] = d.FailoverEndpoint,
        ["OnFailover"] = d.OnFailover,
        ["AttemptTimeoutSeconds"] = d.AttemptTimeoutSeconds,
        ["AccountId"] = d.AccountId,
        ["Subject"] = d.Subject,
        ["Sequence"] = d.Sequence,
        ["EventId"] = d.EventId,
        ["EventType"] = d.EventType,
        ["Event"] = d.EventJson,
        ["AcceptedAt"] = d.AcceptedAt,
        ["Attempts"] = d.Attempts,
        ["NextAttemptAt"] = d.NextAttemptAt,
        ["LastStatusCode"] = d.LastStatusCode,
        ["LastOutcome"] = d.LastOutcome,
        ["LastAttemptAt"] = d.LastAttemptAt,
    };

    /// <summary>
    /// The delivery a row holds, or null with the reason it cannot be one (a property missing or of the wrong type,
    /// an event that is not JSON): such a row goes to the poison table instead of blocking its lane.
    /// </summary>
    public static PendingDelivery? FromEntity(TableEntity e, out string? problem)
    {
        try
        {
            problem = Problem(e);
            return problem is null ? Decode(e) : null;
        }
        catch (Exception wrongType) when (wrongType is InvalidOperationException or InvalidCastException or FormatException)
        {
            // TableEntity's typed getters throw when a property holds another type.
            problem = wrongType.Message;
            return null;
        }
    }

    private static string? Problem(TableEntity e)
    {
        if (!Enum.TryParse<DeliveryKind>(e.GetString("Kind"), out _))
        {
            return "Kind is missing or unknown";
        }

        if (e.GetInt64("Sequence") is null || string.IsNullOrEmpty(e.GetString("DeliveryId")) || string.IsNullOrEmpty(e.GetString("Endpoint")))
        {
            return "Sequence, DeliveryId or Endpoint is missing";
        }

        if (e.GetString("Event") is not { } eventJson)
        {
            return "Event is missing";
        }

        try
        {
            using var parsed = JsonDocument.Parse(eventJson);
            return parsed.RootElement.ValueKind == JsonValueKind.Object ? null : "Event is not a JSON object";
        }
        catch (JsonException)
        {
            return "Event is not JSON";
        }
    }

    private static PendingDelivery Decode(TableEntity e) => new()
    {
        DeliveryId = e.GetString("DeliveryId")!,
        Kind = Enum.Parse<DeliveryKind>(e.GetString("Kind")!),
        TargetName = e.GetString("TargetName") ?? "",
        Endpoint = e.GetString("Endpoint")!,
        FailoverEndpoint = e.GetString("FailoverEndpoint"),
        OnFailover = e.GetBoolean("OnFailover") ?? false,
        AttemptTimeoutSeconds = e.GetInt32("AttemptTimeoutSeconds"),
        AccountId = e.GetString("AccountId") ?? "",
        Subject = e.GetString("Subject") ?? "",
        Sequence = e.GetInt64("Sequence")!.Value,
        EventId = e.GetString("EventId") ?? "",
        EventType = e.GetString("EventType") ?? "",
        EventJson = e.GetString("Event")!,
        AcceptedAt = e.GetDateTimeOffset("AcceptedAt") ?? DateTimeOffset.UnixEpoch,
        Attempts = e.GetInt32("Attempts") ?? 0,
        NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt") ?? DateTimeOffset.UnixEpoch,
        LastStatusCode = e.GetInt32("LastStatusCode"),
        LastOutcome = e.GetString("LastOutcome"),
        LastAttemptAt = e.GetDateTimeOffset("LastAttemptAt"),
    };
}
