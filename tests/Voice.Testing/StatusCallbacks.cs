using System.Text.Json;

namespace Voice.Testing;

/// <summary>Reads the call statuses a webhook receiver got as status callbacks, in sequence order.</summary>
public static class StatusCallbacks
{
    public static List<string> Statuses(WebhookReceiver webhooks, string path = "/status") =>
        webhooks.Requests
            .Where(r => r.Path == path && r.Method == "POST")
            .OrderBy(r => r.Sequence)
            .Select(r => JsonDocument.Parse(r.BodyText).RootElement.GetProperty("data").GetProperty("status").GetString()!)
            .ToList();
}
