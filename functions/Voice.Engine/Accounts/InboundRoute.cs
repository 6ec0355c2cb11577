using Voice.Core.Accounts;
using Voice.Core.Calls;

namespace Voice.Engine.Accounts;

/// <summary>
/// Where an inbound call goes: the account, the application (null for a number driven by its own answer URL) and
/// the webhooks that drive and report the call; or, when <see cref="Rejection"/> is set, why it is refused.
/// </summary>
public sealed record InboundRoute
{
    /// <summary>What was dialled, as the call's <c>to</c>: the E.164 number, or the SIP address (<c>sip:support@example.com</c>).</summary>
    public string? Number { get; init; }

    public string? AccountId { get; init; }

    public string? ApplicationId { get; init; }

    public string? AnswerUrl { get; init; }

    public string AnswerMethod { get; init; } = "GET";

    public string? EventUrl { get; init; }

    /// <summary>How <see cref="EventUrl"/> is called (Vonage's event_method); null: POST.</summary>
    public string? EventMethod { get; init; }

    public string? FallbackUrl { get; init; }

    /// <summary>Fetch a call flow from <see cref="AnswerUrl"/>, or park the call for commands.</summary>
    public InboundBehaviour Behaviour { get; init; } = InboundBehaviour.Fetch;

    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    public CallReporting Reporting { get; init; } = CallReporting.StatusChanges;

    /// <summary>The reject reason of the media contract (<c>not_found</c> → SIP 404, <c>unavailable</c> → 480).</summary>
    public string? RejectReason { get; init; }

    /// <summary>Why the call is refused, for the log.</summary>
    public string? Rejection { get; init; }

    public static InboundRoute Refused(string? number, string reason, string why) => new() { Number = number, RejectReason = reason, Rejection = why };
}
