using Voice.Media.Contracts;
using Voice.Testing;

namespace Voice.MediaNode.Tests.Host;

/// <summary>
/// WebSocket media streams from a call answered by a real baresip to a real Kestrel WebSocket server that echoes the
/// audio back: the phone hears its own tone only through the stream.
/// </summary>
public sealed class StreamingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Telnyx_bidirectional_stream_echo_is_heard_by_the_phone_and_stop_closes_it()
    {
        await using var server = await StreamEchoServer.StartAsync();
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync(toneHz: 700);
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var start = new StartStreamCommand
            {
                Id = NewId(),
                CallId = callId,
                StreamId = "s1",
                Url = server.Url,
                Bidirectional = true,
                AuthToken = "secret-token",
                Fields = new Dictionary<string, string> { ["call_control_id"] = callId },
                CustomParameters = new Dictionary<string, string> { ["tenant"] = "t1" },
            };
            await node.SendAsync(start);
            Assert.IsType<StreamStartedEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == start.Id && e is StreamStartedEvent, 1)));
            await server.WaitForAsync(s => s.Events.Count(e => e == "media") >= 100, "two seconds of media");

            var stop = new StopStreamCommand { Id = NewId(), CallId = callId, StreamId = "s1" };
            await node.SendAsync(stop);
            var stopped = Assert.IsType<StreamStoppedEvent>(Assert.Single(await node.EventsAsync(e => e is StreamStoppedEvent, 1)));
            await server.WaitForAsync(s => s.Messages.Any(m => m.Closed), "the close");
            await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
            await peer.EventAsync("CALL_CLOSED");

            Assert.Equal("stopped", stopped.Reason);
            Assert.Equal(["connected", "start"], server.Events.Take(2));
            Assert.Equal("stop", server.Events[^1]);
            var startMessage = server.Messages.First(m => m.Json is { } j && j.GetProperty("event").GetString() == "start").Json!.Value;
            Assert.Equal(callId, startMessage.GetProperty("start").GetProperty("call_control_id").GetString());
            Assert.Equal("t1", startMessage.GetProperty("start").GetProperty("custom_parameters").GetProperty("tenant").GetString());
            Assert.Equal("Bearer secret-token", server.Handshakes[0]["Authorization"]);
            Assert.True(TonePrompts.ContainsTone(await peer.HeardAsync(), 700), "the phone hears its own 700 Hz tone back through the stream");
        }
    }

    [Fact]
    public async Task Vonage_l16_16k_stream_mixes_both_tracks_in_640_byte_frames_and_echo_is_heard()
    {
        await using var server = await StreamEchoServer.StartAsync();
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync(toneHz: 600);
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var start = new StartStreamCommand
            {
                Id = NewId(),
                CallId = callId,
                StreamId = "v1",
                Url = server.Url,
                Framing = StreamFramings.Vonage,
                Codec = "L16",
                SampleRate = 16000,
                Track = "inbound",
                Bidirectional = true,
                Fields = new Dictionary<string, string> { ["caller"] = "alice" },
            };
            await node.SendAsync(start);
            await server.WaitForAsync(s => s.Messages.Count(m => m.Binary is not null) >= 100, "two seconds of audio");
            await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
            var stopped = Assert.IsType<StreamStoppedEvent>(Assert.Single(await node.EventsAsync(e => e is StreamStoppedEvent, 1)));
            await peer.EventAsync("CALL_CLOSED");

            Assert.Equal("hangup", stopped.Reason);
            var connected = server.Messages[0].Json!.Value;
            Assert.Equal("websocket:connected", connected.GetProperty("event").GetString());
            Assert.Equal("audio/l16;rate=16000", connected.GetProperty("content-type").GetString());
            Assert.Equal("alice", connected.GetProperty("caller").GetString());
            Assert.All(server.Messages.Where(m => m.Binary is not null), m => Assert.Equal(640, m.Binary!.Length));
            Assert.True(TonePrompts.ContainsTone(await peer.HeardAsync(), 600), "the phone hears its own tone back");
        }
    }

    [Fact]
    public async Task A_dropped_connection_is_reconnected_with_a_new_opening()
    {
        await using var server = await StreamEchoServer.StartAsync();
        server.AbortAfter = 10;
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            await node.SendAsync(new StartStreamCommand { Id = NewId(), CallId = callId, StreamId = "r1", Url = server.Url });
            await server.WaitForAsync(s => s.Handshakes.Count == 2 && s.Events.Count(e => e == "start") == 2 && s.Events.Count(e => e == "media") > 20, "a reconnect that streams again");
            await node.SendAsync(new HangupCommand { Id = NewId(), CallId = callId });
            var events = await node.EventsAsync(e => e is StreamStartedEvent or StreamStoppedEvent or StreamFailedEvent, 2);

            Assert.IsType<StreamStartedEvent>(events[0]);
            Assert.Equal("hangup", Assert.IsType<StreamStoppedEvent>(events[1]).Reason);
        }
    }

    [Fact]
    public async Task A_stream_to_nowhere_fails_and_a_bad_request_fails_naming_the_field_while_the_call_goes_on()
    {
        var node = await RunningNode.StartAsync(azurite);
        var peer = await Baresip.StartAsync();
        await using (peer)
        await using (node)
        {
            var callId = await node.AnsweredCallAsync(peer);
            var nowhere = new StartStreamCommand { Id = NewId(), CallId = callId, StreamId = "n1", Url = $"ws://127.0.0.1:{FreePorts.Next()}/none" };
            var badCodec = new StartStreamCommand { Id = NewId(), CallId = callId, StreamId = "n2", Url = "ws://127.0.0.1:1/x", Codec = "PCMU", SampleRate = 16000 };
            var badUrl = new StartStreamCommand { Id = NewId(), CallId = callId, StreamId = "n3", Url = "http://127.0.0.1/x" };
            await node.SendAsync(nowhere);
            await node.SendAsync(badCodec);
            await node.SendAsync(badUrl);
            var failed = (await node.EventsAsync(e => e is StreamFailedEvent, 3)).Cast<StreamFailedEvent>().ToDictionary(f => f.StreamId);
            var stopUnknown = new StopStreamCommand { Id = NewId(), CallId = callId, StreamId = "zz" };
            await node.SendAsync(stopUnknown);
            var error = Assert.IsType<MediaErrorEvent>(Assert.Single(await node.EventsAsync(e => e.CommandId == stopUnknown.Id, 1)));

            Assert.Contains("cannot connect", failed["n1"].Reason, StringComparison.Ordinal);
            Assert.Contains("16000", failed["n2"].Reason, StringComparison.Ordinal);
            Assert.Contains("ws://", failed["n3"].Reason, StringComparison.Ordinal);
            Assert.Equal("stream_not_found", error.Code);
            Assert.Equal(1, node.Calls.ActiveCalls);
        }
    }
}
