using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Voice.Media.Streaming;

namespace Voice.Media.Tests.Streaming;

public class MediaStreamPumpTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Telnyx_stream_sends_opening_and_both_tracks_then_stop_and_a_normal_close()
    {
        await using var sockets = await LoopbackWebSockets.ConnectAsync();
        var fork = new MediaStreamFork(StreamTracks.Both);
        var pump = new MediaStreamPump(new TelnyxStreamFraming(), Info(StreamTracks.Both), fork, playback: null);
        using var stop = new CancellationTokenSource();
        var running = pump.RunAsync(sockets.Node, stop.Token);

        fork.OnFrame(Signals.Tone(1000, 20), new short[160]);
        var messages = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            messages.Add(await ReceiveJsonAsync(sockets.Peer));
        }

        await stop.CancelAsync();
        var stopMessage = await ReceiveJsonAsync(sockets.Peer);
        var close = await sockets.Peer.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(Wait);
        await sockets.Peer.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        var end = await running.WaitAsync(Wait);

        Assert.Equal(["connected", "start", "media", "media"], messages.Select(m => m.GetProperty("event").GetString()));
        Assert.Equal(["inbound", "outbound"], messages.Skip(2).Select(m => m.GetProperty("media").GetProperty("track").GetString()));
        Assert.Equal(160, Convert.FromBase64String(messages[2].GetProperty("media").GetProperty("payload").GetString()!).Length);
        Assert.Equal("stop", stopMessage.GetProperty("event").GetString());
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, sockets.Peer.CloseStatus);
        Assert.Equal(StreamEndKind.Stopped, end.Kind);
        Assert.Equal(1, pump.FramesSent);
    }

    [Fact]
    public async Task Audio_sent_back_plays_and_its_mark_returns_after_it_played()
    {
        await using var sockets = await LoopbackWebSockets.ConnectAsync();
        var fork = new MediaStreamFork(StreamTracks.Inbound);
        var playback = new StreamedAudioSource();
        var pump = new MediaStreamPump(new TelnyxStreamFraming(), Info(StreamTracks.Inbound), fork, playback);
        using var stop = new CancellationTokenSource();
        var running = pump.RunAsync(sockets.Node, stop.Token);
        await ReceiveJsonAsync(sockets.Peer);
        await ReceiveJsonAsync(sockets.Peer);

        var wire = new byte[320];
        new StreamAudioEncoder(StreamAudioFormat.Pcmu8k).Encode(Signals.Tone(500, 40).AsSpan(0, 160), wire);
        new StreamAudioEncoder(StreamAudioFormat.Pcmu8k).Encode(Signals.Tone(500, 40).AsSpan(160), wire.AsSpan(160));
        await SendTextAsync(sockets.Peer, $$$"""{"event":"media","media":{"payload":"{{{Convert.ToBase64String(wire)}}}"}}""");
        await SendTextAsync(sockets.Peer, """{"event":"mark","mark":{"name":"said-it"}}""");
        await SendTextAsync(sockets.Peer, """{"event":"media","media":{}}""");
        await WaitUntilAsync(() => playback.Buffered == 320 && pump.Malformed == 1);

        var frame = new short[160];
        Assert.True(playback.Read(frame));
        Assert.True(playback.Read(frame));
        fork.OnFrame(frame, frame); // a tick lets the sender report the reached mark
        var received = new List<JsonElement>();
        while (received.All(m => m.GetProperty("event").GetString() != "mark"))
        {
            received.Add(await ReceiveJsonAsync(sockets.Peer));
        }

        await stop.CancelAsync();
        await running.WaitAsync(Wait);
        Assert.Contains(received, m => m.GetProperty("event").GetString() == "error");
        Assert.Equal("said-it", received.Single(m => m.GetProperty("event").GetString() == "mark").GetProperty("mark").GetProperty("name").GetString());
        Assert.True(Math.Abs((int)frame[10]) > 100, "the returned tone is what plays");
    }

    [Fact]
    public async Task Vonage_stream_mixes_both_tracks_into_one_binary_frame_and_forwards_dtmf()
    {
        await using var sockets = await LoopbackWebSockets.ConnectAsync();
        var fork = new MediaStreamFork(StreamTracks.Both);
        var info = Info(StreamTracks.Both) with { Format = new StreamAudioFormat(StreamEncoding.L16, 16000), CustomParameters = new Dictionary<string, string>() };
        var pump = new MediaStreamPump(new VonageStreamFraming(), info, fork, new StreamedAudioSource());
        using var stop = new CancellationTokenSource();
        var running = pump.RunAsync(sockets.Node, stop.Token);

        var connected = await ReceiveJsonAsync(sockets.Peer);
        pump.SendDtmf('4', 200);
        fork.OnFrame(Signals.Tone(1000, 20), Signals.Tone(300, 20));
        var dtmf = await ReceiveJsonAsync(sockets.Peer);
        var (audio, type) = await ReceiveAsync(sockets.Peer);
        await stop.CancelAsync();
        await running.WaitAsync(Wait);

        Assert.Equal("websocket:connected", connected.GetProperty("event").GetString());
        Assert.Equal("4", dtmf.GetProperty("digit").GetString());
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(640, audio.Length);
    }

    [Fact]
    public async Task A_peer_that_closes_ends_the_run_as_closed_by_peer()
    {
        await using var sockets = await LoopbackWebSockets.ConnectAsync();
        var pump = new MediaStreamPump(new TelnyxStreamFraming(), Info(StreamTracks.Inbound), new MediaStreamFork(StreamTracks.Inbound), null);
        var running = pump.RunAsync(sockets.Node, CancellationToken.None);
        await ReceiveJsonAsync(sockets.Peer);

        await sockets.Peer.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "go away", CancellationToken.None);
        var end = await running.WaitAsync(Wait);

        Assert.Equal(StreamEndKind.ClosedByPeer, end.Kind);
        Assert.Contains("PolicyViolation", end.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_that_stops_reading_never_holds_up_the_clock_its_frames_are_dropped_and_counted()
    {
        await using var sockets = await LoopbackWebSockets.ConnectAsync(receiveBuffer: 4096);
        var fork = new MediaStreamFork(StreamTracks.Both);
        var pump = new MediaStreamPump(new TelnyxStreamFraming(), Info(StreamTracks.Both), fork, null);
        using var stop = new CancellationTokenSource();
        var running = pump.RunAsync(sockets.Node, stop.Token);
        var frame = Signals.Tone(1000, 20);

        // 10 s of audio offered at once while the peer reads nothing: every OnFrame returns, the excess is dropped.
        for (var i = 0; i < 500; i++)
        {
            fork.OnFrame(frame, frame);
        }

        await WaitUntilAsync(() => fork.Dropped > 0);
        // Stopped by its token alone: aborting the peer as well would race the stop and sometimes end it Broken.
        await stop.CancelAsync();
        var end = await running.WaitAsync(Wait);
        sockets.Peer.Abort();

        Assert.True(fork.Dropped >= 500 - MediaStreamFork.Capacity - pump.FramesSent - 1, $"dropped {fork.Dropped}, sent {pump.FramesSent}");
        Assert.True(pump.FramesSent < 500);
        Assert.Equal(StreamEndKind.Stopped, end.Kind);
    }

    [Fact]
    public async Task A_peer_message_over_the_limit_closes_with_message_too_big()
    {
        await using var sockets = await LoopbackWebSockets.ConnectAsync();
        var pump = new MediaStreamPump(new VonageStreamFraming(), Info(StreamTracks.Inbound) with { Format = new StreamAudioFormat(StreamEncoding.L16, 8000) }, new MediaStreamFork(StreamTracks.Inbound), new StreamedAudioSource());
        var running = pump.RunAsync(sockets.Node, CancellationToken.None);
        await ReceiveJsonAsync(sockets.Peer);

        var huge = new byte[MediaStreamPump.MaxMessageBytes + 10];
        await sockets.Peer.SendAsync(huge, WebSocketMessageType.Binary, true, CancellationToken.None);
        var end = await running.WaitAsync(Wait);
        var close = await sockets.Peer.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(StreamEndKind.Broken, end.Kind);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, sockets.Peer.CloseStatus);
    }

    private static StreamSessionInfo Info(StreamTracks tracks) => new()
    {
        StreamId = "st-9",
        Format = StreamAudioFormat.Pcmu8k,
        Tracks = tracks,
        Fields = new Dictionary<string, string> { ["call_control_id"] = "v3:x" },
    };

    private static async Task SendTextAsync(WebSocket socket, string text) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveJsonAsync(WebSocket socket)
    {
        var (bytes, type) = await ReceiveAsync(socket);
        Assert.Equal(WebSocketMessageType.Text, type);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    private static async Task<(byte[] Bytes, WebSocketMessageType Type)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(chunk, CancellationToken.None).WaitAsync(Wait);
            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return (buffer.ToArray(), result.MessageType);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
