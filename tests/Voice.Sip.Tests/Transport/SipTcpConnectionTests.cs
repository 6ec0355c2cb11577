using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Voice.Sip.Parsing;
using Voice.Sip.Transport;

namespace Voice.Sip.Tests.Transport;

public sealed class SipTcpConnectionTests
{
    [Fact]
    public async Task Idle_sweep_keeps_a_connection_whose_received_bytes_are_not_read_yet()
    {
        await using var pair = await ConnectionPair.OpenAsync();
        await pair.Client.SendAsync(SipTestMessages.Bytes(SipTestMessages.Options("sip:b@x", callId: "pending")));
        await SipTestMessages.Eventually(() => pair.Server.Available > 0);

        // Idle by the clock (timeout zero), but the peer's message waits in the socket: closing would lose it.
        Assert.False(await pair.Connection.CloseIfIdleAsync(TimeSpan.Zero));

        pair.Connection.Start();
        var inbound = await SipTestMessages.Within(pair.Incoming.ReadAsync().AsTask());
        Assert.Equal("pending", inbound.Message.CallId);

        // Once read, with nothing waiting, it is idle again and the sweep may close it.
        Assert.True(await pair.Connection.CloseIfIdleAsync(TimeSpan.Zero));
        Assert.True(pair.Connection.IsClosed);
    }

    [Fact]
    public async Task Write_after_an_idle_close_reports_nothing_sent()
    {
        await using var pair = await ConnectionPair.OpenAsync();
        Assert.True(await pair.Connection.CloseIfIdleAsync(TimeSpan.Zero));

        // NotSent (not Failed) tells the channel the message may go on a new connection without risk of a duplicate.
        Assert.Equal(SipTcpWriteResult.NotSent, await pair.Connection.WriteAsync(SipTestMessages.Options("sip:b@x"), CancellationToken.None));
    }

    /// <summary>A loopback client socket and the accepted side wrapped in a connection whose read loop is not started.</summary>
    private sealed class ConnectionPair : IAsyncDisposable
    {
        private readonly Socket listener;
        private readonly Channel<SipInboundMessage> incoming = Channel.CreateUnbounded<SipInboundMessage>();

        private ConnectionPair(Socket listener, Socket client, Socket server)
        {
            this.listener = listener;
            Client = client;
            Server = server;
            var handler = new SipInboundHandler(SipParserLimits.Default, new SipTransportCounters(), incoming.Writer);

            // Not started: the read loop stands for one the scheduler has not run yet, as happens on a loaded node.
            Connection = new SipTcpConnection(server, (IPEndPoint)server.RemoteEndPoint!, handler, SipParserLimits.Default, _ => { });
        }

        public Socket Client { get; }

        public Socket Server { get; }

        public SipTcpConnection Connection { get; }

        public ChannelReader<SipInboundMessage> Incoming => incoming.Reader;

        public static async Task<ConnectionPair> OpenAsync()
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            return new ConnectionPair(listener, client, await listener.AcceptAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            Client.Dispose();
            listener.Dispose();
        }
    }
}
