using System.Text;
using Azure.Messaging;

namespace Voice.Events.Webhooks;

/// <summary>
/// Reads a CloudEvent that Event Grid delivered into a Storage queue (CloudEvents 1.0 JSON schema). The body is the
/// event's JSON, base64-encoded or not: the queue trigger may or may not have decoded it already.
/// </summary>
public static class QueuedCloudEvent
{
    public static CloudEvent Parse(string message)
    {
        var text = message.TrimStart();
        if (!text.StartsWith('{') && !text.StartsWith('['))
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }

        return CloudEvent.Parse(BinaryData.FromString(text))
            ?? throw new FormatException("the queue message holds no CloudEvent");
    }
}
