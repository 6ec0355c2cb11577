using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Voice.Core.Accounts;
using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>What creates a call lifecycle: an API request for an outbound call, or an inbound call from the media-node.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "start")]
[JsonDerivedType(typeof(StartOutboundCall), "outbound")]
[JsonDerivedType(typeof(StartInboundCall), "inbound")]
public abstract record CallStart
{
    // Only the two starts below exist; a lifecycle cannot be started by anything else.
    private protected CallStart()
    {
    }

    /// <summary>HTTP method for the answer URL (Vonage's answer_method; GET by default).</summary>
    public string AnswerMethod { get; init; } = "GET";

    /// <summary>Tried after the answer URL (or an action's eventUrl) failed twice (Vonage's fallback_answer_url).</summary>
    public string? FallbackUrl { get; init; }

    /// <summary>Hang up this many seconds after answer (Vonage's length_timer / connect limit); null for no limit.</summary>
    public int? LengthLimitSeconds { get; init; }
}

/// <summary>
/// Dial <see cref="Call"/>.To. On answer the lifecycle runs <see cref="CallFlow"/> if given, else fetches
/// <see cref="CallRecord.Url"/>, else (no flow at all) keeps the call up until someone hangs up. A call with a
/// <see cref="CallRecord.ParentCallId"/> reports its status changes to that parent call.
/// </summary>
public sealed record StartOutboundCall : CallStart
{
    public required CallRecord Call { get; init; }

    /// <summary>An inline call flow (Vonage's <c>ncco</c> request field), already validated.</summary>
    public CallFlowDocument? CallFlow { get; init; }

    /// <summary>
    /// Live-call commands run when the callee answers, before any call flow (Telnyx's dial <c>audio_url</c>, and
    /// <c>bridge_on_answer</c> with <c>link_to</c>).
    /// </summary>
    public ImmutableList<CallCommand> AnswerCommands { get; init; } = [];

    /// <summary>Extension headers (<c>X-…</c>) the INVITE carries (Telnyx's <c>custom_headers</c>); the node sends only those.</summary>
    public IReadOnlyDictionary<string, string>? DialHeaders { get; init; }
}

/// <summary>
/// An inbound call the node reported. With <see cref="InboundBehaviour.Fetch"/> the lifecycle fetches
/// <see cref="AnswerUrl"/> and answers when the flow is known; with <see cref="InboundBehaviour.Park"/> the call
/// rings, reports call.initiated and waits for an answer (or reject) command.
/// </summary>
public sealed record StartInboundCall : CallStart
{
    public required IncomingCallEvent Incoming { get; init; }

    public required string AccountId { get; init; }

    /// <summary>The call-flow URL; unused (may be empty) when the call is parked.</summary>
    public required string AnswerUrl { get; init; }

    public string? StatusCallback { get; init; }

    /// <summary>How <see cref="StatusCallback"/> is called (Vonage's event_method); null: POST.</summary>
    public string? StatusCallbackMethod { get; init; }

    public InboundBehaviour Behaviour { get; init; } = InboundBehaviour.Fetch;

    public string? ApplicationId { get; init; }

    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    public CallReporting Reporting { get; init; } = CallReporting.StatusChanges;
}
