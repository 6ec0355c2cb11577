using Voice.Core.Accounts;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.Engine.Accounts;

/// <summary>
/// Routes an inbound call by the number dialled, for every dialect: number → its account and application →
/// the answer, event and fallback URLs. The number's own answer/status URLs override the application's (the
/// Telefon shortcut of <c>PATCH /numbers</c>). Unknown and unassigned numbers are refused with <c>not_found</c>
/// (SIP 404), as are numbers of disabled accounts.
/// </summary>
public sealed class InboundRouteResolver
{
    public const string NotFound = "not_found";
    public const string Unavailable = "unavailable";

    private readonly PhoneNumberRepository numbers;
    private readonly ApplicationRepository applications;
    private readonly AccountRepository accounts;

    public InboundRouteResolver(PhoneNumberRepository numbers, ApplicationRepository applications, AccountRepository accounts)
    {
        this.numbers = numbers;
        this.applications = applications;
        this.accounts = accounts;
    }

    public async Task<InboundRoute> ResolveAsync(string dialled, CancellationToken cancellationToken)
    {
        if (E164Number.FromDialledAddress(dialled) is not { } e164)
        {
            return InboundRoute.Refused(null, NotFound, "the dialled address holds no E.164 number");
        }

        var number = e164.Value;
        if (await numbers.FindRouteAsync(number, cancellationToken) is not { } owned)
        {
            return InboundRoute.Refused(number, NotFound, "no account owns the number");
        }

        if (await accounts.GetAsync(owned.AccountId, cancellationToken) is not { Status: AccountStatus.Active })
        {
            return InboundRoute.Refused(number, NotFound, $"account {owned.AccountId} is disabled or missing");
        }

        var application = owned.ApplicationId is { } id ? await applications.GetAsync(owned.AccountId, id, cancellationToken) : null;
        if (application is { Inbound: InboundBehaviour.Park } && owned.AnswerUrl is null)
        {
            // Parking waits for Call Control commands, which arrive with the Telnyx dialect; until then say so.
            return InboundRoute.Refused(number, Unavailable, $"application {application.Id} parks inbound calls, which needs the Telnyx dialect (not built yet)");
        }

        var answerUrl = owned.AnswerUrl ?? application?.AnswerUrl;
        if (answerUrl is null)
        {
            return InboundRoute.Refused(
                number,
                NotFound,
                application is null ? "the number has no application and no answer URL" : $"application {application.Id} has no answer URL");
        }

        return new InboundRoute
        {
            Number = number,
            AccountId = owned.AccountId,
            ApplicationId = application?.Id,
            AnswerUrl = answerUrl,
            AnswerMethod = owned.AnswerUrl is null ? application!.AnswerMethod : "GET",
            EventUrl = owned.EventUrl ?? application?.EventUrl,
            FallbackUrl = application?.FallbackUrl,
        };
    }
}
