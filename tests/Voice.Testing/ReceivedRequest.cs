using System.Text;
using Azure.Messaging;
using Voice.Events.CloudEvents;

namespace Voice.Testing;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The status the receiver answered.</summary>
    public int Status { get; init; }

    /// <summary>The query string, with its leading <c>?</c> (empty when there is none).</summary>
    public string Query { get; init; } = "";

    public string BodyText => Encoding.UTF8.GetString(Body);

    public CloudEvent? Event => Method == "POST" ? VoiceCloudEvents.ParseJson(BodyText) : null;

    public string? Subject => Event?.Subject;

    public long? Sequence => Event is { } e ? VoiceCloudEvents.SequenceOf(e) : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
