using System.Text.Json;

namespace Voice.Core.CallFlow;

/// <summary>
/// A <c>connect</c> to a <c>websocket</c> endpoint (Vonage: the call's audio to and from the customer's WebSocket
/// server): {uri ws(s)://, content-type | contentType | content_type audio/l16;rate=8000|16000, headers (JSON values,
/// sent in <c>websocket:connected</c> as strings)}. It runs as the one WebSocket stream implementation
/// (<see cref="WebSocketStreamAction"/>, Vonage framing, bidirectional, the caller's audio): the flow goes on when the
/// socket closes.
/// </summary>
internal static class ConnectWebSocketReader
{
    private static readonly string[] ContentTypeNames = ["content-type", "contentType", "content_type"];

    /// <summary>True when the connect's endpoint is a websocket one; <paramref name="action"/> is then its stream (null on error).</summary>
    public static bool TryRead(ActionFieldReader reader, out WebSocketStreamAction? action)
    {
        action = null;
        if (reader.Raw("endpoint", required: false) is not { ValueKind: JsonValueKind.Array } array
            || array.GetArrayLength() != 1
            || array[0] is not { ValueKind: JsonValueKind.Object } endpoint
            || !endpoint.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "websocket")
        {
            return false;
        }

        var item = new ActionFieldReader(endpoint, reader.PathOf("endpoint/0"));
        item.String("type", required: true, maxLength: 16);
        var uri = item.Url("uri", required: true, webSocket: true);
        if (uri is not null && !uri.StartsWith("ws", StringComparison.OrdinalIgnoreCase))
        {
            item.Fail("uri", "must be a ws:// or wss:// URL");
        }

        string? contentType = null;
        foreach (var name in ContentTypeNames)
        {
            contentType ??= item.String(name, required: false, maxLength: 32);
        }

        contentType = (contentType ?? "audio/l16;rate=16000").ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (contentType is not ("audio/l16;rate=8000" or "audio/l16;rate=16000"))
        {
            item.Fail("content-type", "must be audio/l16;rate=8000 or audio/l16;rate=16000 (24 kHz is not streamed)");
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.Raw("headers", required: false) is { } raw)
        {
            if (raw.ValueKind != JsonValueKind.Object)
            {
                item.Fail("headers", "must be an object");
            }
            else
            {
                foreach (var property in raw.EnumerateObject())
                {
                    headers[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }

        if (item.Raw("authorization", required: false) is not null)
        {
            item.Fail("authorization", "is not supported: put a token in headers");
        }

        item.RejectUnknownProperties();
        if (item.Error is not null)
        {
            reader.Adopt(item.Error);
            return true;
        }

        // The connect's own fields do not change a stream: read so they are known, checked for range.
        reader.String("from", required: false, maxLength: 16);
        reader.Int("timeout", 1, 600, 60);
        reader.Int("limit", 1, 7200, 7200);
        reader.String("eventType", required: false, maxLength: 16);
        reader.Webhook("eventUrl", "eventMethod", required: false, defaultMethod: "POST");
        action = uri is null ? null : new WebSocketStreamAction
        {
            Url = uri,
            Framing = "vonage",
            Codec = "L16",
            SampleRate = contentType == "audio/l16;rate=8000" ? 8000 : 16000,
            Track = "inbound",
            Bidirectional = true,
            Headers = headers,
        };
        return true;
    }
}
