using System.Text.Json.Nodes;
using Voice.Core.Accounts;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Collects the effects of one lifecycle step and hands out the instance's deterministic ids
/// (<c>{instanceId}:{kind}{n}</c>) and event sequence numbers (1, 2, 3… per subject).
/// </summary>
internal sealed class EffectBuffer(
    string instanceId, long idCounter, long eventSequence, DateTimeOffset now, Voice.Media.Contracts.Nodes.MediaNodeAddress? node)
{
    private readonly List<LifecycleEffect> effects = [];

    public IReadOnlyList<LifecycleEffect> Effects => effects;

    public long IdCounter { get; private set; } = idCounter;

    public long EventSequence { get; private set; } = eventSequence;

    public DateTimeOffset Now => now;

    /// <summary>Where <see cref="Send"/> sends; a conference gets one with its first member.</summary>
    public Voice.Media.Contracts.Nodes.MediaNodeAddress? Node { get; set; } = node;

    public string NextId(string kind) => $"{instanceId}:{kind}{++IdCounter}";

    public void Emit(Func<string, LifecycleEffect> create) => effects.Add(create(NextId("x")));

    /// <summary>Sends a media command to the instance's node; <paramref name="create"/> gets the new command id.</summary>
    public string Send(Func<string, MediaCommand> create)
    {
        var command = create(NextId("c"));
        Emit(id => new SendMediaCommand { Id = id, Command = command, Node = Node });
        return command.Id;
    }

    /// <summary>
    /// Publishes an event with the next sequence number; returns it. With <paramref name="webhookUrl"/> the event is
    /// also delivered there as a webhook in <paramref name="dialect"/>'s format.
    /// </summary>
    public VoiceEvent Publish(
        string type, string accountId, string subject, JsonObject data, string? webhookUrl = null, ApplicationDialect dialect = ApplicationDialect.Telefon)
    {
        var sequence = ++EventSequence;
        var voiceEvent = new VoiceEvent
        {
            Id = $"{instanceId}:e{sequence}",
            Type = type,
            AccountId = accountId,
            Subject = subject,
            Time = now,
            Sequence = sequence,
            Data = data,
            WebhookUrl = webhookUrl,
            Dialect = dialect,
        };
        Emit(id => new PublishEvent { Id = id, Event = voiceEvent });
        return voiceEvent;
    }

    /// <summary>Copies <paramref name="extra"/>'s fields into <paramref name="data"/>.</summary>
    public static JsonObject Merge(JsonObject data, JsonObject? extra)
    {
        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }
}
