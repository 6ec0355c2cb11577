using Voice.Core.Accounts;
using Voice.Core.Calls;

namespace Voice.Engine.Calls;

/// <summary>A validated request to place an outbound call, whatever API dialect it came from.</summary>
public sealed record PlaceCallRequest(
    string To,
    string From,
    string? Url,
    string? StatusCallback,
    int TimeoutSeconds,
    bool Record)
{
    public string? ApplicationId { get; init; }

    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    public CallReporting Reporting { get; init; } = CallReporting.StatusChanges;

    public string? ClientState { get; init; }

    /// <summary>Hang up this many seconds after answer; null for no limit.</summary>
    public int? TimeLimitSeconds { get; init; }

    /// <summary>The client's idempotency id: a second request with it returns the first call and dials nothing.</summary>
    public string? CommandId { get; init; }

    /// <summary>Another call of the account whose session this call joins (its <see cref="CallRecord.ParentCallId"/>).</summary>
    public string? LinkedCallId { get; init; }

    /// <summary>Extension headers (<c>X-…</c>) for the INVITE.</summary>
    public IReadOnlyDictionary<string, string>? DialHeaders { get; init; }

    /// <summary>Commands to run when the callee answers (see <see cref="Voice.Core.Lifecycles.StartOutboundCall.AnswerCommands"/>).</summary>
    public IReadOnlyList<Voice.Core.Commands.CallCommand> AnswerCommands { get; init; } = [];

    /// <summary>An inline call flow to run on answer instead of fetching <see cref="Url"/> (Vonage's <c>ncco</c>).</summary>
    public Voice.Core.CallFlow.CallFlowDocument? CallFlow { get; init; }

    /// <summary>How <see cref="StatusCallback"/> is called (Vonage's event_method); null: POST.</summary>
    public string? StatusCallbackMethod { get; init; }

    /// <summary>How <see cref="Url"/> is fetched (Vonage's <c>answer_method</c>).</summary>
    public string AnswerMethod { get; init; } = "GET";

    /// <summary>Fetched when <see cref="Url"/> (or an action's eventUrl) fails (Vonage's <c>fallback_answer_url</c>).</summary>
    public string? FallbackUrl { get; init; }

    /// <summary>More answer commands that name the new call (a Telnyx stream's start fields), made once its record exists.</summary>
    public Func<Voice.Core.Calls.CallRecord, IReadOnlyList<Voice.Core.Commands.CallCommand>>? AnswerCommandsFor { get; init; }
}
