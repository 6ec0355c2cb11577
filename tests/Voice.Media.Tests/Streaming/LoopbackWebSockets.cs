using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Voice.Media.Tests.Streaming;

/// <summary>A connected pair of WebSockets over a real 127.0.0.1 TCP connection (RFC 6455 framing, no HTTP handshake).</summary>
internal sealed class LoopbackWebSockets : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly TcpClient _server;

    private LoopbackWebSockets(TcpClient client, TcpClient server)
    {
        _client = client;
        _server = server;
        Node = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false });
        Peer = WebSocket.CreateFromStream(server.GetStream(), new WebSocketCreationOptions { IsServer = true });
    }

    /// <summary>The node's end (a client).</summary>
    public WebSocket Node { get; }

    /// <summary>The stream peer's end (the user's server).</summary>
    public WebSocket Peer { get; }

    public static async Task<LoopbackWebSockets> ConnectAsync(int receiveBuffer = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var client = new TcpClient();
            if (receiveBuffer > 0)
            {
                client.ReceiveBufferSize = receiveBuffer;
            }

            var accepting = listener.AcceptTcpClientAsync();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            var server = await accepting;
            if (receiveBuffer > 0)
            {
                server.ReceiveBufferSize = receiveBuffer;
                client.SendBufferSize = receiveBuffer;
            }

            return new LoopbackWebSockets(client, server);
        }
        finally
        {
            listener.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Node.Dispose();
        Peer.Dispose();
        _client.Dispose();
        _server.Dispose();
        await Task.CompletedTask;
    }
}
