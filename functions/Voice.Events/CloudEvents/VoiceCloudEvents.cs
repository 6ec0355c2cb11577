using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging;
using Voice.Core.Accounts;
using Voice.Core.Events;

namespace Voice.Events.CloudEvents;

/// <summary>
/// Maps an engine <see cref="VoiceEvent"/> onto a CloudEvents 1.0 event and back (docs/webhooks.md):
/// <c>source</c> <c>/accounts/{accountId}</c>, <c>subject</c>, <c>type</c>, <c>id</c>, <c>time</c>,
/// <c>datacontenttype</c> <c>application/json</c>, <c>data</c>, and the extension attributes
/// <c>sequence</c> (decimal, zero-padded to 20 characters so lexicographic order is numeric order, as the
/// CloudEvents sequence extension requires) <c>webhookurl</c> (the per-call webhook, when there is one), <c>dialect</c>
/// (whose webhook format it gets, when not Telefon), and <c>webhookfailoverurl</c> / <c>webhooktimeout</c> (where the
/// webhook fails over to and how long an attempt waits, when the dialect's settings say).
/// </summary>
public static class VoiceCloudEvents
{
    /// <summary>Extension attribute holding the per-subject sequence number.</summary>
    public const string SequenceAttribute = "sequence";

    /// <summary>Extension attribute holding the per-call webhook URL (status_callback or an action's eventUrl).</summary>
    public const string WebhookUrlAttribute = "webhookurl";

    /// <summary>Extension attribute naming the dialect whose webhook format per-call webhooks get (absent: Telefon).</summary>
    public const string DialectAttribute = "dialect";

    /// <summary>Extension attribute holding the URL the per-call webhook fails over to (a Telnyx application's failover URL).</summary>
    public const string WebhookFailoverUrlAttribute = "webhookfailoverurl";

    /// <summary>Extension attribute holding how long one webhook attempt may wait, in whole seconds.</summary>
    public const string WebhookTimeoutAttribute = "webhooktimeout";

    public const string JsonContentType = "application/json";

    private const string SourcePrefix = "/accounts/";

    public static CloudEvent ToCloudEvent(VoiceEvent voiceEvent)
    {
        var cloudEvent = new CloudEvent(
            SourcePrefix + voiceEvent.AccountId,
            voiceEvent.Type,
            BinaryData.FromString(voiceEvent.Data.ToJsonString()),
            JsonContentType,
            CloudEventDataFormat.Json)
        {
            Id = voiceEvent.Id,
            Subject = voiceEvent.Subject,
            Time = voiceEvent.Time,
        };
        cloudEvent.ExtensionAttributes[SequenceAttribute] = FormatSequence(voiceEvent.Sequence);
        if (!string.IsNullOrEmpty(voiceEvent.WebhookUrl))
        {
            cloudEvent.ExtensionAttributes[WebhookUrlAttribute] = voiceEvent.WebhookUrl;
        }

        if (voiceEvent.Dialect != ApplicationDialect.Telefon)
        {
            cloudEvent.ExtensionAttributes[DialectAttribute] = voiceEvent.Dialect.ToString().ToLowerInvariant();
        }

        return cloudEvent;
    }

    /// <summary>
    /// Reads back an event produced by <see cref="ToCloudEvent"/>. Returns null (never throws) when the event
    /// is not a Telefon voice event: wrong source, missing subject/time/sequence, or data that is not a JSON object.
    /// </summary>
    public static VoiceEvent? FromCloudEvent(CloudEvent cloudEvent)
    {
        if (!cloudEvent.Source.StartsWith(SourcePrefix, StringComparison.Ordinal)
            || cloudEvent.Source.Length == SourcePrefix.Length
            || cloudEvent.Subject is null
            || cloudEvent.Time is not { } time
            || SequenceOf(cloudEvent) is not { } sequence)
        {
            return null;
        }

        JsonObject data;
        try
        {
            data = cloudEvent.Data is null ? [] : JsonNode.Parse(cloudEvent.Data.ToMemory().Span) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return null;
        }

        return new VoiceEvent
        {
            Id = cloudEvent.Id,
            Type = cloudEvent.Type,
            AccountId = AccountIdOf(cloudEvent)!,
            Subject = cloudEvent.Subject,
            Time = time,
            Sequence = sequence,
            WebhookUrl = WebhookUrlOf(cloudEvent),
            Dialect = DialectOf(cloudEvent),
            Data = data,
        };
    }

    /// <summary>The account from <c>source</c>, or null when the source is not <c>/accounts/{id}</c>.</summary>
    public static string? AccountIdOf(CloudEvent cloudEvent) =>
        cloudEvent.Source.StartsWith(SourcePrefix, StringComparison.Ordinal) && cloudEvent.Source.Length > SourcePrefix.Length
            ? cloudEvent.Source[SourcePrefix.Length..]
            : null;

    /// <summary>The <c>sequence</c> extension as a number, or null when it is missing or not a non-negative integer.</summary>
    public static long? SequenceOf(CloudEvent cloudEvent) =>
        cloudEvent.ExtensionAttributes.TryGetValue(SequenceAttribute, out var value)
        && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;

    public static string? WebhookUrlOf(CloudEvent cloudEvent) =>
        cloudEvent.ExtensionAttributes.TryGetValue(WebhookUrlAttribute, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    public static string? WebhookFailoverUrlOf(CloudEvent cloudEvent) =>
        cloudEvent.ExtensionAttributes.TryGetValue(WebhookFailoverUrlAttribute, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    /// <summary>The <c>webhooktimeout</c> extension in seconds, or null when it is missing or not a positive integer.</summary>
    public static int? WebhookTimeoutOf(CloudEvent cloudEvent) =>
        cloudEvent.ExtensionAttributes.TryGetValue(WebhookTimeoutAttribute, out var value)
        && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds > 0
            ? seconds
            : null;

    /// <summary>Adds the webhook's failover URL and attempt timeout to <paramref name="cloudEvent"/> (the ones given).</summary>
    public static CloudEvent WithWebhookTarget(CloudEvent cloudEvent, string? failoverUrl, int? timeoutSeconds)
    {
        if (!string.IsNullOrEmpty(failoverUrl))
        {
            cloudEvent.ExtensionAttributes[WebhookFailoverUrlAttribute] = failoverUrl;
        }

        if (timeoutSeconds is int seconds and > 0)
        {
            // A string: extension values are strings or integers, and Event Grid carries strings as they are.
            cloudEvent.ExtensionAttributes[WebhookTimeoutAttribute] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return cloudEvent;
    }

    /// <summary>The <c>dialect</c> extension; Telefon when it is absent or unknown.</summary>
    public static ApplicationDialect DialectOf(CloudEvent cloudEvent) =>
        cloudEvent.ExtensionAttributes.TryGetValue(DialectAttribute, out var value)
        && Enum.TryParse<ApplicationDialect>(Convert.ToString(value, CultureInfo.InvariantCulture), ignoreCase: true, out var dialect)
            ? dialect
            : ApplicationDialect.Telefon;

    /// <summary>The event as CloudEvents structured-mode JSON (what Event Grid delivers and what webhooks carry).</summary>
    public static byte[] ToJsonBytes(CloudEvent cloudEvent) => JsonSerializer.SerializeToUtf8Bytes(cloudEvent);

    /// <summary>Parses structured-mode JSON; null (never throws) when it is not a single valid CloudEvent.</summary>
    public static CloudEvent? ParseJson(string json)
    {
        try
        {
            return CloudEvent.Parse(BinaryData.FromString(json));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string FormatSequence(long sequence) => sequence.ToString("D20", CultureInfo.InvariantCulture);
}
