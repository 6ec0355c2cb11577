using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Telnyx;

/// <summary>
/// A connection on Telnyx's wire. Telnyx's connections are SIP trunks (credential, IP, FQDN) and applications; ours are
/// the account's call control applications only, so a connection is an application with the same id.
/// </summary>
public sealed record TelnyxConnection(
    string Id,
    string RecordType,
    bool Active,
    string AnchorsiteOverride,
    string ConnectionName,
    string? OutboundVoiceProfileId,
    IReadOnlyList<string> Tags,
    string WebhookApiVersion,
    string? WebhookEventFailoverUrl,
    string? WebhookEventUrl,
    string CreatedAt,
    string UpdatedAt)
{
    public static TelnyxConnection Of(ApplicationRecord a)
    {
        var t = a.Telnyx ?? new TelnyxApplicationSettings();
        return new(
            a.Id,
            TelnyxCallControlApplication.Type,
            t.Active,
            t.AnchorsiteOverride,
            a.Name,
            t.OutboundVoiceProfileId,
            t.Tags,
            t.WebhookApiVersion,
            t.WebhookEventFailoverUrl,
            t.WebhookEventUrl,
            ApiJson.Rfc3339(a.CreatedAt)!,
            ApiJson.Rfc3339(a.UpdatedAt)!);
    }
}
