using System.Net.WebSockets;
using Voice.Testing;

namespace Voice.OutboundHttp.Tests;

/// <summary>WebSocket streams get the connect-time check too: ClientWebSocket over the guard's handler.</summary>
public sealed class GuardedWebSocketsTests
{
    [Theory]
    [InlineData("ws://127.0.0.1:{0}/stream")]
    [InlineData("ws://localhost:{0}/stream")]
    public async Task A_stream_url_on_loopback_is_refused_and_the_server_sees_no_handshake(string template)
    {
        await using var server = await StreamEchoServer.StartAsync();
        using var connections = new GuardedWebSockets(new OutboundTargetGuard(allowPrivateTargets: false));
        using var socket = new ClientWebSocket();

        var failure = await Assert.ThrowsAsync<WebSocketException>(() => connections.ConnectAsync(socket, new Uri(string.Format(template, server.Port)), default));

        Assert.True(OutboundTargetGuard.IsRefusal(failure), failure.ToString());
        Assert.Empty(server.Handshakes);
    }

    [Fact]
    public async Task With_the_dev_switch_the_stream_connects()
    {
        await using var server = await StreamEchoServer.StartAsync();
        using var connections = new GuardedWebSockets(new OutboundTargetGuard(allowPrivateTargets: true));
        using var socket = new ClientWebSocket();

        await connections.ConnectAsync(socket, new Uri(server.Url), default);

        // The server records the handshake before it answers 101, so it is there once the socket is open.
        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Single(server.Handshakes);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", default);
    }
}
