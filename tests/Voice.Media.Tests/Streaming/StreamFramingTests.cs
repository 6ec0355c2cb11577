using System.Text;
using System.Text.Json;
using Voice.Media.Streaming;

namespace Voice.Media.Tests.Streaming;

public class StreamFramingTests
{
    private static readonly StreamSessionInfo Info = new()
    {
        StreamId = "st-1",
        Format = StreamAudioFormat.Pcmu8k,
        Tracks = StreamTracks.Both,
        Fields = new Dictionary<string, string> { ["call_control_id"] = "v3:abc", ["from"] = "+15550001" },
        CustomParameters = new Dictionary<string, string> { ["customer"] = "42" },
    };

    [Fact]
    public void Telnyx_opens_with_connected_then_start_naming_the_call_and_media_format()
    {
        var framing = new TelnyxStreamFraming();

        var opening = framing.Opening(Info).Select(Json).ToList();

        Assert.Equal("connected", opening[0].GetProperty("event").GetString());
        Assert.Equal("1.0.0", opening[0].GetProperty("version").GetString());
        var start = opening[1];
        Assert.Equal("start", start.GetProperty("event").GetString());
        Assert.Equal("1", start.GetProperty("sequence_number").GetString());
        Assert.Equal("st-1", start.GetProperty("stream_id").GetString());
        Assert.Equal("v3:abc", start.GetProperty("start").GetProperty("call_control_id").GetString());
        Assert.Equal("42", start.GetProperty("start").GetProperty("custom_parameters").GetProperty("customer").GetString());
        var format = start.GetProperty("start").GetProperty("media_format");
        Assert.Equal("PCMU", format.GetProperty("encoding").GetString());
        Assert.Equal(8000, format.GetProperty("sample_rate").GetInt32());
    }

    [Fact]
    public void Telnyx_media_carries_track_chunk_timestamp_and_base64_payload_with_rising_sequence()
    {
        var framing = new TelnyxStreamFraming();
        framing.Opening(Info);

        var first = Json(framing.Audio(StreamTracks.Inbound, [1, 2, 3], TimeSpan.FromMilliseconds(40)));
        var second = Json(framing.Audio(StreamTracks.Outbound, [4], TimeSpan.FromMilliseconds(40)));

        Assert.Equal("media", first.GetProperty("event").GetString());
        Assert.Equal("2", first.GetProperty("sequence_number").GetString());
        Assert.Equal("3", second.GetProperty("sequence_number").GetString());
        var media = first.GetProperty("media");
        Assert.Equal("inbound", media.GetProperty("track").GetString());
        Assert.Equal("1", media.GetProperty("chunk").GetString());
        Assert.Equal("40", media.GetProperty("timestamp").GetString());
        Assert.Equal(Convert.ToBase64String([1, 2, 3]), media.GetProperty("payload").GetString());
        Assert.Equal("outbound", second.GetProperty("media").GetProperty("track").GetString());
    }

    [Fact]
    public void Telnyx_dtmf_mark_error_and_stop_have_their_shapes()
    {
        var framing = new TelnyxStreamFraming();
        framing.Opening(Info);

        Assert.Equal("7", Json(framing.Dtmf('7', 100)).GetProperty("dtmf").GetProperty("digit").GetString());
        Assert.Equal("m1", Json(framing.MarkReached("m1")!.Value).GetProperty("mark").GetProperty("name").GetString());
        Assert.Equal("malformed_frame", Json(framing.Refused("bad")!.Value).GetProperty("payload").GetProperty("title").GetString());
        var stop = Json(framing.Closing()!.Value);
        Assert.Equal("stop", stop.GetProperty("event").GetString());
        Assert.Equal("st-1", stop.GetProperty("stream_id").GetString());
        Assert.Null(framing.Cleared());
    }

    [Fact]
    public void Telnyx_peer_messages_decode_to_audio_clear_and_mark()
    {
        var framing = new TelnyxStreamFraming();
        var payload = Convert.ToBase64String([9, 8, 7]);

        var media = framing.Decode(Utf8($$$"""{"event":"media","media":{"payload":"{{{payload}}}"}}"""), isText: true);
        var clear = framing.Decode(Utf8("""{"event":"clear"}"""), isText: true);
        var mark = framing.Decode(Utf8("""{"event":"mark","mark":{"name":"greeting"}}"""), isText: true);
        var future = framing.Decode(Utf8("""{"event":"something_new","x":[1,{"y":2}]}"""), isText: true);

        Assert.Equal(StreamInboundKind.Audio, media.Kind);
        Assert.Equal(new byte[] { 9, 8, 7 }, media.Audio.ToArray());
        Assert.Equal(StreamInboundKind.Clear, clear.Kind);
        Assert.Equal((StreamInboundKind.Mark, "greeting"), (mark.Kind, mark.Name));
        Assert.Equal(StreamInboundKind.Ignored, future.Kind);
    }

    [Fact]
    public void Telnyx_base64_with_escaped_slashes_decodes()
    {
        var bytes = new byte[] { 0xFF, 0xFF, 0xFF };
        var escaped = Convert.ToBase64String(bytes).Replace("/", "\\/", StringComparison.Ordinal);

        var media = new TelnyxStreamFraming().Decode(Utf8($$$"""{"event":"media","media":{"payload":"{{{escaped}}}"}}"""), isText: true);

        Assert.Equal(bytes, media.Audio.ToArray());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"event\":\"media\"}")]
    [InlineData("{\"event\":\"media\",\"media\":{\"payload\":\"***\"}}")]
    [InlineData("{\"event\":\"media\",\"media\":{\"payload\":12}}")]
    [InlineData("{\"event\":\"media\",\"media\":\"x\"}")]
    [InlineData("{\"event\":\"mark\",\"mark\":{}}")]
    [InlineData("{\"event\":\"mark\",\"mark\":3}")]
    [InlineData("{\"media\":{}}")]
    [InlineData("{\"event\":\"clear\"")]
    [InlineData("")]
    public void Telnyx_malformed_peer_messages_are_refused_with_a_reason(string text)
    {
        var decoded = new TelnyxStreamFraming().Decode(Utf8(text), isText: true);

        Assert.Equal(StreamInboundKind.Malformed, decoded.Kind);
        Assert.False(string.IsNullOrEmpty(decoded.Error));
    }

    [Fact]
    public void Telnyx_refuses_binary_messages()
    {
        Assert.Equal(StreamInboundKind.Malformed, new TelnyxStreamFraming().Decode([1, 2], isText: false).Kind);
    }

    [Fact]
    public void Vonage_opens_with_websocket_connected_content_type_and_headers()
    {
        var framing = new VonageStreamFraming();
        var info = Info with { Format = new StreamAudioFormat(StreamEncoding.L16, 16000), Fields = new Dictionary<string, string> { ["caller"] = "+15550001" }, CustomParameters = new Dictionary<string, string>() };

        var opening = Assert.Single(framing.Opening(info));

        var json = Json(opening);
        Assert.Equal("websocket:connected", json.GetProperty("event").GetString());
        Assert.Equal("audio/l16;rate=16000", json.GetProperty("content-type").GetString());
        Assert.Equal("+15550001", json.GetProperty("caller").GetString());
        Assert.Throws<ArgumentException>(() => framing.Opening(Info));
    }

    [Fact]
    public void Vonage_audio_is_binary_and_dtmf_and_cleared_are_json()
    {
        var framing = new VonageStreamFraming();

        var audio = framing.Audio(StreamTracks.Both, [1, 2, 3, 4], TimeSpan.Zero);
        var dtmf = Json(framing.Dtmf('5', 260));

        Assert.False(audio.IsText);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, audio.Payload.ToArray());
        Assert.Equal("websocket:dtmf", dtmf.GetProperty("event").GetString());
        Assert.Equal(260, dtmf.GetProperty("duration").GetInt32());
        Assert.Equal("websocket:cleared", Json(framing.Cleared()!.Value).GetProperty("event").GetString());
        Assert.False(framing.SeparateTracks);
    }

    [Fact]
    public void Vonage_peer_binary_is_audio_clear_is_clear_notify_is_ignored_and_junk_is_refused()
    {
        var framing = new VonageStreamFraming();

        Assert.Equal(StreamInboundKind.Audio, framing.Decode([0, 1], isText: false).Kind);
        Assert.Equal(StreamInboundKind.Clear, framing.Decode(Utf8("""{"action":"clear"}"""), isText: true).Kind);
        Assert.Equal(StreamInboundKind.Ignored, framing.Decode(Utf8("""{"action":"notify","payload":{"a":1}}"""), isText: true).Kind);
        Assert.Equal(StreamInboundKind.Malformed, framing.Decode(Utf8("""{"action":"""), isText: true).Kind);
        Assert.Equal(StreamInboundKind.Malformed, framing.Decode(Utf8("3"), isText: true).Kind);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JsonElement Json(StreamMessage message)
    {
        Assert.True(message.IsText);
        return JsonDocument.Parse(message.Payload).RootElement.Clone();
    }
}
