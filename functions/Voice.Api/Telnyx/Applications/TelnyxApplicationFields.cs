using System.Text.Json;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Addressing;

namespace Voice.Api.Telnyx;

/// <summary>
/// Reads a call control application body (POST creates: <c>application_name</c> and <c>webhook_event_url</c> required;
/// PATCH changes the fields given) into a change of the application record, with Telnyx's field names, values and
/// errors (422, the field's JSON pointer). In a PATCH, <c>null</c> clears <c>webhook_event_failover_url</c>,
/// <c>webhook_timeout_secs</c> and <c>first_command_timeout_secs</c>, as Telnyx's types allow.
/// </summary>
public static class TelnyxApplicationFields
{
    public static readonly string[] AnchorSites =
    [
        "Latency", "Chicago, IL", "Ashburn, VA", "San Jose, CA", "London, UK", "Chennai, IN", "Amsterdam, Netherlands", "Toronto, Canada", "Sydney, Australia",
    ];

    public static readonly string[] DtmfTypes = ["RFC 2833", "Inband", "SIP INFO"];
    public static readonly string[] ApiVersions = ["1", "2"];
    public static readonly string[] SubdomainReceiveSettings = ["only_my_connections", "from_anyone"];

    private const int MaxTags = 50;
    private const int MaxChannels = 100_000;

    /// <summary>The change to apply, or null when <paramref name="fields"/> holds the error.</summary>
    public static Func<ApplicationRecord, ApplicationRecord>? Read(JsonElement body, bool creating, out BodyFields fields)
    {
        fields = new BodyFields(body, TelnyxResults.FieldErrors);
        var f = fields;
        var name = f.Text("application_name", required: creating, maxLength: 255);
        var eventUrl = Url(f, "webhook_event_url", required: creating);
        var failoverUrl = Url(f, "webhook_event_failover_url", required: false);
        var clearFailover = f.IsNull("webhook_event_failover_url");
        var version = f.OneOf("webhook_api_version", ApiVersions);
        var timeout = f.WholeNumber("webhook_timeout_secs", 1, 30);
        var clearTimeout = f.IsNull("webhook_timeout_secs");
        var firstCommand = f.Flag("first_command_timeout");
        var firstCommandSecs = f.WholeNumber("first_command_timeout_secs", 1, 120);
        var clearFirstCommandSecs = f.IsNull("first_command_timeout_secs");
        var active = f.Flag("active");
        var anchor = f.OneOf("anchorsite_override", AnchorSites);
        var dtmf = f.OneOf("dtmf_type", DtmfTypes);
        var callCost = f.Flag("call_cost_in_webhooks");
        var redact = f.Flag("redact_dtmf_debug_logging");
        var tags = f.TextList("tags", MaxTags, 100, _ => null);
        var inbound = f.Nested("inbound") is { } i ? ReadInbound(i) : null;
        var outbound = f.Nested("outbound") is { } o ? ReadOutbound(o) : null;
        if (f.Error is not null)
        {
            return null;
        }

        return a =>
        {
            var t = a.Telnyx ?? new TelnyxApplicationSettings();
            t = t with
            {
                WebhookEventUrl = eventUrl ?? t.WebhookEventUrl,
                WebhookEventFailoverUrl = clearFailover || failoverUrl == "" ? null : failoverUrl ?? t.WebhookEventFailoverUrl,
                WebhookApiVersion = version ?? t.WebhookApiVersion,
                WebhookTimeoutSecs = clearTimeout ? null : timeout ?? t.WebhookTimeoutSecs,
                FirstCommandTimeout = firstCommand ?? t.FirstCommandTimeout,
                FirstCommandTimeoutSecs = clearFirstCommandSecs ? null : firstCommandSecs ?? t.FirstCommandTimeoutSecs,
                Active = active ?? t.Active,
                AnchorsiteOverride = anchor ?? t.AnchorsiteOverride,
                DtmfType = dtmf ?? t.DtmfType,
                CallCostInWebhooks = callCost ?? t.CallCostInWebhooks,
                RedactDtmfDebugLogging = redact ?? t.RedactDtmfDebugLogging,
                Tags = tags ?? t.Tags,
            };
            t = inbound?.Invoke(t) ?? t;
            t = outbound?.Invoke(t) ?? t;

            // A call control application parks its inbound calls and waits for commands (Telnyx's model).
            return a with { Name = name ?? a.Name, Dialect = ApplicationDialect.Telnyx, Inbound = InboundBehaviour.Park, Telnyx = t };
        };
    }

    private static Func<TelnyxApplicationSettings, TelnyxApplicationSettings> ReadInbound(BodyFields f)
    {
        var limit = f.WholeNumber("channel_limit", 1, MaxChannels);
        var shakenStir = f.Flag("shaken_stir_enabled");
        var subdomain = f.Text("sip_subdomain", maxLength: 63);
        f.Require(subdomain is null || IsDnsLabel(subdomain), "sip_subdomain", "'sip_subdomain' must be letters, digits and '-', at most 63");
        var receive = f.OneOf("sip_subdomain_receive_settings", SubdomainReceiveSettings);
        return t => t with
        {
            InboundChannelLimit = limit ?? t.InboundChannelLimit,
            InboundShakenStirEnabled = shakenStir ?? t.InboundShakenStirEnabled,
            InboundSipSubdomain = subdomain ?? t.InboundSipSubdomain,
            InboundSipSubdomainReceiveSettings = receive ?? t.InboundSipSubdomainReceiveSettings,
        };
    }

    private static Func<TelnyxApplicationSettings, TelnyxApplicationSettings> ReadOutbound(BodyFields f)
    {
        var limit = f.WholeNumber("channel_limit", 1, MaxChannels);
        var profile = f.Text("outbound_voice_profile_id", maxLength: 64);
        return t => t with
        {
            OutboundChannelLimit = limit ?? t.OutboundChannelLimit,
            OutboundVoiceProfileId = profile ?? t.OutboundVoiceProfileId,
        };
    }

    /// <summary>A webhook URL: absent (null), "" (clear; optional URLs only), or an absolute http(s) URL.</summary>
    private static string? Url(BodyFields f, string name, bool required)
    {
        var url = f.Text(name, required);
        f.Require(url is null || (url.Length == 0 && !required) || HttpUrl.IsAbsolute(url), name, $"'{name}' must be an absolute http or https URL");
        return url;
    }

    private static bool IsDnsLabel(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return text.Length > 0 && text[0] != '-' && text[^1] != '-';
    }
}
