using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Telnyx;

/// <summary>A call control application on Telnyx's wire (<c>record_type: call_control_application</c>), from our application record.</summary>
public sealed record TelnyxCallControlApplication(
    string Id,
    string RecordType,
    string ApplicationName,
    bool Active,
    string AnchorsiteOverride,
    bool CallCostInWebhooks,
    string DtmfType,
    bool FirstCommandTimeout,
    int? FirstCommandTimeoutSecs,
    TelnyxApplicationInbound Inbound,
    TelnyxApplicationOutbound Outbound,
    bool RedactDtmfDebugLogging,
    IReadOnlyList<string> Tags,
    string WebhookApiVersion,
    string? WebhookEventFailoverUrl,
    string? WebhookEventUrl,
    int? WebhookTimeoutSecs,
    string CreatedAt,
    string UpdatedAt)
{
    public const string Type = "call_control_application";

    public static TelnyxCallControlApplication Of(ApplicationRecord a)
    {
        var t = a.Telnyx ?? new TelnyxApplicationSettings();
        return new(
            a.Id,
            Type,
            a.Name,
            t.Active,
            t.AnchorsiteOverride,
            t.CallCostInWebhooks,
            t.DtmfType,
            t.FirstCommandTimeout,
            t.FirstCommandTimeoutSecs,
            new TelnyxApplicationInbound(t.InboundChannelLimit, t.InboundShakenStirEnabled, t.InboundSipSubdomain, t.InboundSipSubdomainReceiveSettings),
            new TelnyxApplicationOutbound(t.OutboundChannelLimit, t.OutboundVoiceProfileId),
            t.RedactDtmfDebugLogging,
            t.Tags,
            t.WebhookApiVersion,
            t.WebhookEventFailoverUrl,
            t.WebhookEventUrl,
            t.WebhookTimeoutSecs,
            ApiJson.Rfc3339(a.CreatedAt)!,
            ApiJson.Rfc3339(a.UpdatedAt)!);
    }
}

public sealed record TelnyxApplicationInbound(int? ChannelLimit, bool ShakenStirEnabled, string? SipSubdomain, string SipSubdomainReceiveSettings);

public sealed record TelnyxApplicationOutbound(int? ChannelLimit, string? OutboundVoiceProfileId);
