using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace Voice.Media.Streaming;

/// <summary>
/// Telnyx Media Streaming: JSON text messages. We send <c>connected</c>, <c>start</c> (the call's fields and
/// <c>media_format</c>), <c>media</c> (<c>track</c> inbound/outbound, <c>chunk</c>, <c>timestamp</c> in ms, base64
/// <c>payload</c>), <c>dtmf</c>, <c>mark</c> (echoed once played), <c>error</c> and <c>stop</c>, every one with a
/// <c>sequence_number</c> (a string, as Telnyx sends it) and <c>stream_id</c>. The peer may send <c>media</c>
/// (base64 audio in the bidirectional codec), <c>clear</c> and <c>mark</c>.
/// </summary>
public sealed class TelnyxStreamFraming : IMediaStreamFraming
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private string _streamId = "";
    private byte[] _streamIdJson = [];
    private byte[] _audio = new byte[1024];
    private long _sequence;
    private long _chunk;

    /// <inheritdoc />
    public bool SeparateTracks => true;

    /// <inheritdoc />
    public IReadOnlyList<StreamMessage> Opening(StreamSessionInfo info)
    {
        _streamId = info.StreamId;
        _streamIdJson = JsonEncodedText.Encode(info.StreamId).EncodedUtf8Bytes.ToArray();
        var connected = Write(w =>
        {
            w.WriteString("event", "connected");
            w.WriteString("version", "1.0.0");
        });
        var start = Write(w =>
        {
            w.WriteString("event", "start");
            WriteSequence(w);
            w.WriteStartObject("start");
            foreach (var (name, value) in info.Fields)
            {
                w.WriteString(name, value);
            }

            w.WriteStartObject("custom_parameters");
            foreach (var (name, value) in info.CustomParameters)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteStartObject("media_format");
            w.WriteString("encoding", info.Format.EncodingName);
            w.WriteNumber("sample_rate", info.Format.SampleRate);
            w.WriteNumber("channels", 1);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("stream_id", _streamId);
        });
        return [connected, start];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Written straight into a reused buffer (50 messages a second per track: no JSON writer, no allocation); the
    /// message is valid until the next call, which the pump honours by sending each before framing the next.
    /// </remarks>
    public StreamMessage Audio(StreamTracks track, ReadOnlySpan<byte> payload, TimeSpan elapsed)
    {
        var needed = 160 + _streamIdJson.Length + Base64.GetMaxEncodedToUtf8Length(payload.Length);
        if (_audio.Length < needed)
        {
            _audio = new byte[needed];
        }

        var span = _audio.AsSpan();
        var at = Put(span, 0, "{\"event\":\"media\",\"sequence_number\":\""u8);
        at += Number(span[at..], ++_sequence);
        at += Put(span, at, track == StreamTracks.Outbound ? "\",\"media\":{\"track\":\"outbound\",\"chunk\":\""u8 : "\",\"media\":{\"track\":\"inbound\",\"chunk\":\""u8);
        at += Number(span[at..], ++_chunk);
        at += Put(span, at, "\",\"timestamp\":\""u8);
        at += Number(span[at..], (long)elapsed.TotalMilliseconds);
        at += Put(span, at, "\",\"payload\":\""u8);
        Base64.EncodeToUtf8(payload, span[at..], out _, out var written);
        at += written;
        at += Put(span, at, "\"},\"stream_id\":\""u8);
        at += Put(span, at, _streamIdJson);
        at += Put(span, at, "\"}"u8);
        return new StreamMessage(_audio.AsMemory(0, at), IsText: true);
    }

    private static int Put(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return bytes.Length;
    }

    private static int Number(Span<byte> destination, long value)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    /// <inheritdoc />
    public StreamMessage Dtmf(char digit, int durationMs) => Write(w =>
    {
        w.WriteString("event", "dtmf");
        WriteSequence(w);
        w.WriteString("occurred_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        w.WriteStartObject("dtmf");
        w.WriteString("digit", digit.ToString());
        w.WriteEndObject();
        w.WriteString("stream_id", _streamId);
    });

    /// <inheritdoc />
    public StreamMessage? MarkReached(string name) => Write(w =>
    {
        w.WriteString("event", "mark");
        WriteSequence(w);
        w.WriteStartObject("mark");
        w.WriteString("name", name);
        w.WriteEndObject();
        w.WriteString("stream_id", _streamId);
    });

    /// <inheritdoc />
    public StreamMessage? Cleared() => null;

    /// <inheritdoc />
    public StreamMessage? Refused(string detail) => Write(w =>
    {
        w.WriteString("event", "error");
        WriteSequence(w);
        w.WriteStartObject("payload");
        w.WriteNumber("code", 100002);
        w.WriteString("title", "malformed_frame");
        w.WriteString("detail", detail);
        w.WriteEndObject();
        w.WriteString("stream_id", _streamId);
    });

    /// <inheritdoc />
    public StreamMessage? Closing() => Write(w =>
    {
        w.WriteString("event", "stop");
        WriteSequence(w);
        w.WriteStartObject("stop");
        w.WriteEndObject();
        w.WriteString("stream_id", _streamId);
    });

    /// <inheritdoc />
    public StreamInbound Decode(ReadOnlySpan<byte> message, bool isText)
    {
        if (!isText)
        {
            return StreamInbound.Malformed("binary messages are not part of Telnyx media streaming; send JSON text");
        }

        try
        {
            return DecodeJson(message);
        }
        catch (JsonException e)
        {
            return StreamInbound.Malformed($"not JSON: {e.Message}");
        }
    }

    private static StreamInbound DecodeJson(ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return StreamInbound.Malformed("a message must be a JSON object");
        }

        string? eventName = null;
        byte[]? payload = null;
        string? markName = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                eventName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("media"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return StreamInbound.Malformed("media must be an object");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isPayload = reader.ValueTextEquals("payload"u8);
                    reader.Read();
                    if (isPayload)
                    {
                        if (reader.TokenType != JsonTokenType.String || !TryBase64(ref reader, out payload))
                        {
                            return StreamInbound.Malformed("media.payload must be a base64 string");
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("mark"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return StreamInbound.Malformed("mark must be an object");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isName = reader.ValueTextEquals("name"u8);
                    reader.Read();
                    if (isName && reader.TokenType == JsonTokenType.String)
                    {
                        markName = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return eventName switch
        {
            "media" when payload is not null => new StreamInbound(StreamInboundKind.Audio, payload),
            "media" => StreamInbound.Malformed("media.payload is required"),
            "clear" => new StreamInbound(StreamInboundKind.Clear),
            "mark" when !string.IsNullOrEmpty(markName) => new StreamInbound(StreamInboundKind.Mark, Name: markName),
            "mark" => StreamInbound.Malformed("mark.name is required"),
            null => StreamInbound.Malformed("event is required"),
            _ => new StreamInbound(StreamInboundKind.Ignored, Name: eventName),
        };
    }

    private static bool TryBase64(ref Utf8JsonReader reader, out byte[]? bytes)
    {
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        var text = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4));
        try
        {
            var written = reader.CopyString(text);
            var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(written)];
            if (Base64.DecodeFromUtf8(text.AsSpan(0, written), decoded, out _, out var decodedLength) != OperationStatus.Done)
            {
                bytes = null;
                return false;
            }

            bytes = decodedLength == decoded.Length ? decoded : decoded[..decodedLength];
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private void WriteSequence(Utf8JsonWriter writer) =>
        writer.WriteString("sequence_number", (++_sequence).ToString(CultureInfo.InvariantCulture));

    private StreamMessage Write(Action<Utf8JsonWriter> body)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return new StreamMessage(_buffer.WrittenMemory.ToArray(), IsText: true);
    }
}
