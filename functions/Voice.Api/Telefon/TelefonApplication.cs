using Voice.Api.Http;
using Voice.Core.Accounts;

namespace Voice.Api.Telefon;

/// <summary>An application on the Telefon wire (an addition to Telefon v1, see README).</summary>
public sealed record TelefonApplication(
    string Id,
    string Name,
    string Dialect,
    string? AnswerUrl,
    string AnswerMethod,
    string? EventUrl,
    string EventMethod,
    string? FallbackUrl,
    string Inbound,
    IReadOnlyList<string> SipUris,
    TelefonTelnyxSettings? Telnyx,
    TelefonVonageSettings? Vonage,
    string DateCreated,
    string DateUpdated)
{
    public static TelefonApplication Of(ApplicationRecord a) => new(
        a.Id,
        a.Name,
        TelefonApplicationNames.Of(a.Dialect),
        a.AnswerUrl,
        a.AnswerMethod,
        a.EventUrl,
        a.EventMethod,
        a.FallbackUrl,
        TelefonApplicationNames.Of(a.Inbound),
        a.SipUris,
        a.Telnyx is { } t ? new TelefonTelnyxSettings(t.WebhookEventUrl, t.WebhookEventFailoverUrl, t.WebhookApiVersion, t.WebhookTimeoutSecs, t.FirstCommandTimeoutSecs) : null,
        a.Vonage is { } v ? new TelefonVonageSettings(v.PublicKeys, v.SignedCallbacks) : null,
        ApiJson.Rfc3339(a.CreatedAt)!,
        ApiJson.Rfc3339(a.UpdatedAt)!);
}

public sealed record TelefonTelnyxSettings(
    string? WebhookEventUrl, string? WebhookEventFailoverUrl, string WebhookApiVersion, int? WebhookTimeoutSecs, int? FirstCommandTimeoutSecs);

public sealed record TelefonVonageSettings(IReadOnlyList<string> PublicKeys, bool SignedCallbacks);

public sealed record TelefonApplicationList(IReadOnlyList<TelefonApplication> Applications, int Total);
