using Microsoft.Extensions.Configuration;
using Voice.Core.Accounts;
using Voice.Core.Calls;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>
/// Routes an inbound call, for every dialect, by what was dialled, most specific first: the Request-URI's SIP
/// address as an application lists it (<c>sip:support@example.com</c>); else the E.164 number in the user part (To,
/// then Request-URI) → its account and application, whose own answer/status URLs override the application's (the
/// Telefon shortcut of <c>PATCH /numbers</c>); else the Request-URI's domain as an application lists it
/// (<c>sip:example.com</c>). A number is more specific than a domain: a caller who dials a number at a domain reaches
/// the number's owner. Addresses nobody routes follow the operator's <see cref="UnroutedCallPolicy"/> (SIP 404 by
/// default); numbers of disabled accounts are refused with <c>not_found</c> (SIP 404) too.
/// </summary>
public sealed class InboundRouteResolver
{
    public const string NotFound = "not_found";
    public const string Unavailable = "unavailable";

    private readonly PhoneNumberRepository numbers;
    private readonly ApplicationRepository applications;
    private readonly AccountRepository accounts;
    private readonly SipAddressClaims sipAddresses;
    private readonly UnroutedCallPolicy unrouted;

    public InboundRouteResolver(
        PhoneNumberRepository numbers, ApplicationRepository applications, AccountRepository accounts, SipAddressClaims sipAddresses, IConfiguration configuration)
    {
        this.numbers = numbers;
        this.applications = applications;
        this.accounts = accounts;
        this.sipAddresses = sipAddresses;
        unrouted = UnroutedCallPolicy.FromConfiguration(configuration);
    }

    /// <summary>Routes a call dialled to <paramref name="dialled"/> (a number or URI standing for both To and Request-URI).</summary>
    public Task<InboundRoute> ResolveAsync(string dialled, CancellationToken cancellationToken) => ResolveAsync(dialled, dialled, cancellationToken);

    /// <summary>Routes a call by its Request-URI and To header (either may be missing on an event from an older node).</summary>
    public async Task<InboundRoute> ResolveAsync(string? requestUri, string? to, CancellationToken cancellationToken)
    {
        var address = SipAddress.Parse(requestUri) ?? SipAddress.Parse(to);
        if (address is { IsDomain: false } && await sipAddresses.AnsweringAsync(address, cancellationToken) is { } byUri)
        {
            return await ApplicationRouteAsync(byUri, address.ToString(), cancellationToken);
        }

        if ((E164Number.FromDialledAddress(to) ?? E164Number.FromDialledAddress(requestUri)) is { } e164
            && await numbers.FindRouteAsync(e164.Value, cancellationToken) is { } owned)
        {
            return await NumberRouteAsync(owned, cancellationToken);
        }

        if (address is not null && await sipAddresses.AnsweringAsync(address.Domain, cancellationToken) is { } byDomain)
        {
            return await ApplicationRouteAsync(byDomain, address.ToString(), cancellationToken);
        }

        var dialled = address?.ToString() ?? to ?? requestUri;
        if (unrouted.DefaultApplicationId is { } defaultId
            && await applications.GetAsync(unrouted.DefaultAccountId!, defaultId, cancellationToken) is { } fallback)
        {
            return await ApplicationRouteAsync(fallback, dialled ?? "", cancellationToken);
        }

        return InboundRoute.Refused(dialled, unrouted.RejectReason, "no application answers the SIP address and no account owns a number in it");
    }

    private async Task<InboundRoute> NumberRouteAsync(PhoneNumberRecord owned, CancellationToken cancellationToken)
    {
        var number = owned.Number;
        if (await accounts.GetAsync(owned.AccountId, cancellationToken) is not { Status: AccountStatus.Active })
        {
            return InboundRoute.Refused(number, NotFound, $"account {owned.AccountId} is disabled or missing");
        }

        var application = owned.ApplicationId is { } id ? await applications.GetAsync(owned.AccountId, id, cancellationToken) : null;
        if (application is { Inbound: InboundBehaviour.Park } && owned.AnswerUrl is null)
        {
            return ParkedRoute(application, number);
        }

        var answerUrl = owned.AnswerUrl ?? application?.AnswerUrl;
        if (answerUrl is null)
        {
            return application is null
                ? InboundRoute.Refused(number, unrouted.RejectReason, "the number has no application and no answer URL")
                : InboundRoute.Refused(number, NotFound, $"application {application.Id} has no answer URL");
        }

        return new InboundRoute
        {
            Number = number,
            AccountId = owned.AccountId,
            ApplicationId = application?.Id,
            AnswerUrl = answerUrl,
            AnswerMethod = owned.AnswerUrl is null ? application!.AnswerMethod : "GET",
            EventUrl = owned.EventUrl ?? application?.EventUrl,
            EventMethod = owned.EventUrl is null ? application?.EventMethod : null,
            FallbackUrl = application?.FallbackUrl,
            Dialect = DialectOf(application),
            Reporting = ReportingOf(application),
        };
    }

    /// <summary>A call to one of <paramref name="application"/>'s SIP addresses (or to the operator's default application).</summary>
    private async Task<InboundRoute> ApplicationRouteAsync(ApplicationRecord application, string dialled, CancellationToken cancellationToken)
    {
        if (await accounts.GetAsync(application.AccountId, cancellationToken) is not { Status: AccountStatus.Active })
        {
            return InboundRoute.Refused(dialled, NotFound, $"account {application.AccountId} is disabled or missing");
        }

        if (application.Inbound == InboundBehaviour.Park)
        {
            return ParkedRoute(application, dialled);
        }

        if (application.AnswerUrl is null)
        {
            return InboundRoute.Refused(dialled, NotFound, $"application {application.Id} has no answer URL");
        }

        return new InboundRoute
        {
            Number = dialled,
            AccountId = application.AccountId,
            ApplicationId = application.Id,
            AnswerUrl = application.AnswerUrl,
            AnswerMethod = application.AnswerMethod,
            EventUrl = application.EventUrl,
            EventMethod = application.EventMethod,
            FallbackUrl = application.FallbackUrl,
            Dialect = DialectOf(application),
            Reporting = ReportingOf(application),
        };
    }

    /// <summary>
    /// Calls that fetch call flows speak Vonage's wire when their application is a Vonage one, else Telefon's (a Telnyx
    /// application with an answer URL runs Telefon call flows, as before Vonage existed).
    /// </summary>
    private static ApplicationDialect DialectOf(ApplicationRecord? application) =>
        application?.Dialect == ApplicationDialect.Vonage ? ApplicationDialect.Vonage : ApplicationDialect.Telefon;

    /// <summary>A Vonage application's calls report every event to its event URL (Vonage's events); others report status changes.</summary>
    private static CallReporting ReportingOf(ApplicationRecord? application) =>
        application?.Dialect == ApplicationDialect.Vonage ? CallReporting.EveryEvent : CallReporting.StatusChanges;

    /// <summary>
    /// A call that rings parked until the application's commands answer it (Telnyx Call Control): it reports every event
    /// to the application's event URL (Telnyx's <c>webhook_event_url</c>), which it cannot do without one.
    /// </summary>
    private static InboundRoute ParkedRoute(ApplicationRecord application, string dialled)
    {
        var eventUrl = application.Telnyx?.WebhookEventUrl ?? application.EventUrl;
        if (eventUrl is null)
        {
            return InboundRoute.Refused(dialled, Unavailable, $"application {application.Id} parks inbound calls but has no webhook URL to report them to");
        }

        return new InboundRoute
        {
            Number = dialled,
            AccountId = application.AccountId,
            ApplicationId = application.Id,
            EventUrl = eventUrl,
            Behaviour = InboundBehaviour.Park,
            Dialect = application.Dialect,
            Reporting = CallReporting.EveryEvent,
        };
    }
}
