using System.Net;
using System.Net.Sockets;
using System.Text;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;
using Voice.Sip.Transport;
using Voice.Testing;

namespace Voice.Sip.Tests.Transport;

public sealed class SipTransportTests : IAsyncLifetime
{
    private SipTransport a = null!;
    private SipTransport b = null!;

    public Task InitializeAsync()
    {
        a = SipTransport.Start(new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, FreePorts.Next()) });
        b = SipTransport.Start(new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, FreePorts.Next()) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task Udp_request_arrives_with_received_and_rport_stamped()
    {
        Assert.True(await a.SendAsync(SipTestMessages.Options($"sip:b@{b.LocalEndPoint}"), b.LocalEndPoint, SipTransportProtocol.Udp));

        var inbound = await SipTestMessages.Within(b.Incoming.ReadAsync().AsTask());

        Assert.Equal(SipTransportProtocol.Udp, inbound.Protocol);
        Assert.Equal(a.LocalEndPoint, inbound.Remote);
        var via = inbound.Message.TopVia!;
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(a.LocalEndPoint.Port, via.Rport);
        Assert.Equal(1, b.Counters.Received);
    }

    [Fact]
    public async Task Malformed_udp_request_is_answered_with_400()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var bad = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TortureVectors", "badinv01.dat"));

        await client.SendAsync(bad, b.LocalEndPoint);
        var reply = await SipTestMessages.Within(client.ReceiveAsync());

        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(reply.Buffer).Message);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(1, b.Counters.MalformedRejected);
        Assert.Equal(0, b.Counters.Received);
    }

    [Fact]
    public async Task Garbage_and_bad_responses_are_dropped_and_counted()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[] { 0, 1, 2, 3, 255 }, b.LocalEndPoint);
        await client.SendAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TortureVectors", "bigcode.dat")), b.LocalEndPoint);

        await SipTestMessages.Eventually(() => b.Counters.MalformedDropped == 2);
        Assert.False(b.Incoming.TryRead(out _));
    }

    [Fact]
    public async Task Tcp_response_reuses_the_inbound_connection()
    {
        Assert.True(await a.SendAsync(SipTestMessages.Options($"sip:b@{b.LocalEndPoint};transport=tcp"), b.LocalEndPoint, SipTransportProtocol.Tcp));
        var request = await SipTestMessages.Within(b.Incoming.ReadAsync().AsTask());
        Assert.Equal(SipTransportProtocol.Tcp, request.Protocol);

        var response = SipResponseFactory.Create((SipRequest)request.Message, 200);
        Assert.True(await b.SendAsync(response, request.Remote, SipTransportProtocol.Tcp));
        var back = await SipTestMessages.Within(a.Incoming.ReadAsync().AsTask());

        Assert.Equal(200, ((SipResponse)back.Message).StatusCode);
        Assert.Equal(1, a.Counters.ConnectionsOpened);
        Assert.Equal(1, b.Counters.ConnectionsOpened);
    }

    [Fact]
    public async Task Tcp_stream_is_framed_by_content_length_across_and_within_segments()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(b.LocalEndPoint);
        var one = SipTestMessages.Bytes(SipTestMessages.Options("sip:b@x", callId: "one"));
        var message = SipTestMessages.Options("sip:b@x", callId: "two");
        message.Headers.Add("Content-Type", "text/plain");
        message.Body = Encoding.ASCII.GetBytes("0123456789");
        var two = SipTestMessages.Bytes(message);
        var stream = one.Concat("\r\n\r\n"u8.ToArray()).Concat(two).ToArray();

        await socket.SendAsync(stream.AsMemory(0, one.Length + 10));
        await Task.Delay(50);
        await socket.SendAsync(stream.AsMemory(one.Length + 10, 7));
        await Task.Delay(50);
        await socket.SendAsync(stream.AsMemory(one.Length + 17));

        var first = await SipTestMessages.Within(b.Incoming.ReadAsync().AsTask());
        var second = await SipTestMessages.Within(b.Incoming.ReadAsync().AsTask());
        Assert.Equal("one", first.Message.CallId);
        Assert.Equal("two", second.Message.CallId);
        Assert.Equal("0123456789", Encoding.ASCII.GetString(second.Message.Body.Span));
    }

    [Fact]
    public async Task Unframeable_tcp_stream_is_closed()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(b.LocalEndPoint);

        await socket.SendAsync("OPTIONS sip:b@x SIP/2.0\r\nContent-Length: nope\r\n\r\n"u8.ToArray());

        var buffer = new byte[100];
        int read;
        try
        {
            read = await SipTestMessages.Within(socket.ReceiveAsync(buffer, SocketFlags.None));
        }
        catch (SocketException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        await SipTestMessages.Eventually(() => b.Counters.MalformedDropped == 1);
    }

    [Fact]
    public async Task Idle_tcp_connection_is_closed()
    {
        // Only this test has a short idle timeout: elsewhere a scheduler pause that long would rightly close a
        // connection the test still means to use.
        await using var idle = SipTransport.Start(new SipTransportOptions
        {
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, FreePorts.Next()),
            TcpIdleTimeout = TimeSpan.FromMilliseconds(300),
        });
        Assert.True(await a.SendAsync(SipTestMessages.Options("sip:b@x"), idle.LocalEndPoint, SipTransportProtocol.Tcp));
        await SipTestMessages.Within(idle.Incoming.ReadAsync().AsTask());

        await SipTestMessages.Eventually(() => idle.Counters.ConnectionsClosed == 1);
        await SipTestMessages.Eventually(() => a.TcpConnectionCount == 0);
    }

    [Fact]
    public async Task Send_to_a_closed_tcp_port_fails_without_throwing()
    {
        // Bound but not listening, so the connect is refused; a merely free port could be picked as the client's own
        // port, and Linux then connects the socket to itself.
        using var nobody = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        nobody.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.False(await a.SendAsync(SipTestMessages.Options("sip:x@y"), (IPEndPoint)nobody.LocalEndPoint!, SipTransportProtocol.Tcp));
        Assert.Equal(1, a.Counters.SendFailures);
    }

    [Fact]
    public async Task Start_throws_when_the_tcp_port_already_has_a_listener()
    {
        // UDP off so only the TCP bind decides; a shared TCP port would split connections between the two listeners.
        await using var first = SipTransport.Start(new SipTransportOptions { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0), EnableUdp = false });

        Assert.Throws<SocketException>(() => SipTransport.Start(new SipTransportOptions { ListenEndPoint = first.LocalEndPoint, EnableUdp = false }));
    }

    [Fact]
    public void Advertised_address_defaults_to_the_listen_endpoint()
    {
        Assert.Equal("127.0.0.1", a.AdvertisedHost);
        Assert.Equal(a.LocalEndPoint.Port, a.AdvertisedPort);
    }
}
