using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Voice.Media.Streaming;

/// <summary>
/// Vonage Voice WebSockets: the first message is JSON text <c>{"event":"websocket:connected","content-type":
/// "audio/l16;rate=16000", …headers}</c>; then audio as binary messages of 20 ms of 16-bit little-endian PCM (320
/// bytes at 8 kHz, 640 at 16 kHz), one mixed track; DTMF as <c>{"event":"websocket:dtmf","digit":"5","duration":260}</c>.
/// The peer sends binary audio to play (any length; Vonage asks for 20 ms frames, we accept others) and may send
/// <c>{"action":"clear"}</c> (answered with <c>websocket:cleared</c>); other actions, such as <c>notify</c>, are ignored.
/// </summary>
public sealed class VonageStreamFraming : IMediaStreamFraming
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private byte[] _audio = new byte[640];

    /// <inheritdoc />
    public bool SeparateTracks => false;

    /// <inheritdoc />
    public IReadOnlyList<StreamMessage> Opening(StreamSessionInfo info)
    {
        if (info.Format.Encoding != StreamEncoding.L16)
        {
            throw new ArgumentException("Vonage streams carry audio/l16 only", nameof(info));
        }

        return [Write(w =>
        {
            w.WriteString("event", "websocket:connected");
            w.WriteString("content-type", string.Create(CultureInfo.InvariantCulture, $"audio/l16;rate={info.Format.SampleRate}"));
            foreach (var (name, value) in info.Fields)
            {
                w.WriteString(name, value);
            }

            foreach (var (name, value) in info.CustomParameters)
            {
                w.WriteString(name, value);
            }
        })];
    }

    /// <inheritdoc />
    /// <remarks>A view of a reused buffer, valid until the next call (the pump sends each message before the next).</remarks>
    public StreamMessage Audio(StreamTracks track, ReadOnlySpan<byte> payload, TimeSpan elapsed)
    {
        if (_audio.Length < payload.Length)
        {
            _audio = new byte[payload.Length];
        }

        payload.CopyTo(_audio);
        return new StreamMessage(_audio.AsMemory(0, payload.Length), IsText: false);
    }

    /// <inheritdoc />
    public StreamMessage Dtmf(char digit, int durationMs) => Write(w =>
    {
        w.WriteString("event", "websocket:dtmf");
        w.WriteString("digit", digit.ToString());
        w.WriteNumber("duration", durationMs);
    });

    /// <inheritdoc />
    public StreamMessage? MarkReached(string name) => null;

    /// <inheritdoc />
    public StreamMessage? Cleared() => Write(w => w.WriteString("event", "websocket:cleared"));

    /// <inheritdoc />
    public StreamMessage? Refused(string detail) => null;

    /// <inheritdoc />
    public StreamMessage? Closing() => null;

    /// <inheritdoc />
    public StreamInbound Decode(ReadOnlySpan<byte> message, bool isText)
    {
        if (!isText)
        {
            return new StreamInbound(StreamInboundKind.Audio, message.ToArray());
        }

        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return StreamInbound.Malformed("a text message must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAction = reader.ValueTextEquals("action"u8);
                reader.Read();
                if (isAction)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("clear"u8)
                        ? new StreamInbound(StreamInboundKind.Clear)
                        : new StreamInbound(StreamInboundKind.Ignored);
                }

                reader.Skip();
            }

            return new StreamInbound(StreamInboundKind.Ignored);
        }
        catch (JsonException e)
        {
            return StreamInbound.Malformed($"not JSON: {e.Message}");
        }
    }

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
