using System.Text.Json.Nodes;
using Voice.Core.Accounts;

namespace Voice.Core.Events;

/// <summary>
/// One engine event, independent of transport. It maps 1:1 onto a CloudEvents 1.0 event:
/// <c>id</c>, <c>type</c>, <c>source</c>, <c>subject</c> (<c>/calls/{id}</c> or <c>/conferences/{id}</c>),
/// <c>time</c>, extension <c>sequence</c>, and <c>data</c>.
/// </summary>
public sealed record VoiceEvent
{
    /// <summary>Unique id; repeats of the same event keep it, so receivers can deduplicate.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="VoiceEventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The account the event belongs to (CloudEvents <c>source</c> is <c>/accounts/{AccountId}</c>).</summary>
    public required string AccountId { get; init; }

    /// <summary><c>/calls/{id}</c> or <c>/conferences/{id}</c>.</summary>
    public required string Subject { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>Per-subject sequence number, starting at 1; receivers order and deduplicate by it.</summary>
    public required long Sequence { get; init; }

    /// <summary>Where per-call webhooks for this event go (status_callback or an action's eventUrl), if anywhere.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Whose envelope and signature a webhook of this event gets: the dialect projects the neutral <see cref="Data"/>.</summary>
    public ApplicationDialect Dialect { get; init; } = ApplicationDialect.Telefon;

    /// <summary>Event payload (snake_case JSON object).</summary>
    public JsonObject Data { get; init; } = [];
}
