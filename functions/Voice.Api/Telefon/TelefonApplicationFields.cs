using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Addressing;
using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Telefon;

/// <summary>
/// Reads an application request body (POST creates, PATCH changes the fields given) into a change of the record,
/// validating every field and naming it on error. In a PATCH an optional URL is removed with <c>""</c>.
/// </summary>
public static class TelefonApplicationFields
{
    private const int MaxSipUris = 20;
    private const int MaxPublicKeys = 5;

    /// <summary>The change to apply, or null when <paramref name="fields"/> holds an error.</summary>
    public static Func<ApplicationRecord, ApplicationRecord>? Read(BodyFields fields, bool creating)
    {
        var name = fields.Text("name", required: creating, maxLength: 128);
        var dialect = fields.OneOf("dialect", TelefonApplicationNames.Dialects);
        var answerUrl = Url(fields, "answer_url");
        var answerMethod = fields.OneOf("answer_method", TelefonApplicationNames.Methods);
        var eventUrl = Url(fields, "event_url");
        var eventMethod = fields.OneOf("event_method", TelefonApplicationNames.Methods);
        var fallbackUrl = Url(fields, "fallback_url");
        var inbound = fields.OneOf("inbound", TelefonApplicationNames.InboundBehaviours);
        var sipUris = fields.TextList("sip_uris", MaxSipUris, DialableSipUri.MaxLength, u => DialableSipUri.IsValid(u) ? null : "must be a sip: or sips: URI");
        var telnyx = fields.Nested("telnyx") is { } t ? ReadTelnyx(t) : null;
        var vonage = fields.Nested("vonage") is { } v ? ReadVonage(v) : null;
        if (fields.Error is not null)
        {
            return null;
        }

        return a =>
        {
            var changed = a with
            {
                Name = name ?? a.Name,
                Dialect = dialect is null ? a.Dialect : TelefonApplicationNames.Dialect(dialect),
                AnswerUrl = Changed(answerUrl, a.AnswerUrl),
                AnswerMethod = answerMethod ?? a.AnswerMethod,
                EventUrl = Changed(eventUrl, a.EventUrl),
                EventMethod = eventMethod ?? a.EventMethod,
                FallbackUrl = Changed(fallbackUrl, a.FallbackUrl),
                SipUris = sipUris ?? a.SipUris,
                Telnyx = telnyx is null ? a.Telnyx : telnyx(a.Telnyx ?? new TelnyxApplicationSettings()),
                Vonage = vonage is null ? a.Vonage : vonage(a.Vonage ?? new VonageApplicationSettings()),
            };

            // Telnyx applications park inbound calls and wait for commands unless told otherwise.
            var defaultInbound = creating && changed.Dialect == ApplicationDialect.Telnyx ? InboundBehaviour.Park : a.Inbound;
            return changed with { Inbound = inbound is null ? defaultInbound : TelefonApplicationNames.Inbound(inbound) };
        };
    }

    private static Func<TelnyxApplicationSettings, TelnyxApplicationSettings> ReadTelnyx(BodyFields fields)
    {
        var eventUrl = Url(fields, "webhook_event_url");
        var failoverUrl = Url(fields, "webhook_event_failover_url");
        var version = fields.OneOf("webhook_api_version", TelefonApplicationNames.TelnyxApiVersions);
        var timeout = fields.WholeNumber("webhook_timeout_secs", 1, 30);
        var firstCommand = fields.WholeNumber("first_command_timeout_secs", 1, 120);
        return t => t with
        {
            WebhookEventUrl = Changed(eventUrl, t.WebhookEventUrl),
            WebhookEventFailoverUrl = Changed(failoverUrl, t.WebhookEventFailoverUrl),
            WebhookApiVersion = version ?? t.WebhookApiVersion,
            WebhookTimeoutSecs = timeout ?? t.WebhookTimeoutSecs,
            FirstCommandTimeoutSecs = firstCommand ?? t.FirstCommandTimeoutSecs,
        };
    }

    private static Func<VonageApplicationSettings, VonageApplicationSettings> ReadVonage(BodyFields fields)
    {
        var keys = fields.TextList("public_keys", MaxPublicKeys, 16 * 1024, RsaPublicKeys.Problem);
        var signed = fields.Flag("signed_callbacks");
        return v => v with { PublicKeys = keys ?? v.PublicKeys, SignedCallbacks = signed ?? v.SignedCallbacks };
    }

    /// <summary>A webhook URL field: absent (null), "" (remove), or an absolute http(s) URL.</summary>
    private static string? Url(BodyFields fields, string name)
    {
        var url = fields.Text(name);
        fields.Require(url is null || url.Length == 0 || HttpUrl.IsAbsolute(url), name, $"'{name}' must be an absolute http or https URL");
        return url;
    }

    private static string? Changed(string? given, string? current) => given is null ? current : given.Length == 0 ? null : given;
}
