using System.Net;
using System.Net.Sockets;
using System.Text;
using Voice.Bench.Relay;

namespace Voice.Bench.Tests.Relay;

public sealed class NgClientTests : IDisposable
{
    private readonly Socket _daemon = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public NgClientTests() => _daemon.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    [Fact]
    public async Task An_answer_under_another_cookie_is_skipped_and_the_one_under_the_request_cookie_returned()
    {
        using var client = new NgClient((IPEndPoint)_daemon.LocalEndPoint!);
        var request = client.RequestAsync(new() { ["command"] = "ping" }, CancellationToken.None);

        var (cookie, from) = await ReceiveRequestAsync();
        await AnswerAsync(from, "stale-1", "d6:result4:ponge");
        await AnswerAsync(from, cookie, "d6:result4:pong4:markdee");

        var answer = await request.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(answer.ContainsKey("mark"));
    }

    [Fact]
    public async Task A_request_without_an_answer_is_retransmitted_under_the_same_cookie()
    {
        using var client = new NgClient((IPEndPoint)_daemon.LocalEndPoint!);
        var request = client.RequestAsync(new() { ["command"] = "ping" }, CancellationToken.None);

        var (first, _) = await ReceiveRequestAsync();
        var (second, from) = await ReceiveRequestAsync(); // the retransmission, a second later
        await AnswerAsync(from, second, "d6:result4:ponge");

        Assert.Equal(first, second);
        Assert.Equal("pong", (await request.WaitAsync(TimeSpan.FromSeconds(10)))["result"]);
    }

    [Fact]
    public async Task An_error_result_throws_with_the_daemons_reason()
    {
        using var client = new NgClient((IPEndPoint)_daemon.LocalEndPoint!);
        var request = client.RequestAsync(new() { ["command"] = "answer" }, CancellationToken.None);

        var (cookie, from) = await ReceiveRequestAsync();
        await AnswerAsync(from, cookie, "d6:result5:error12:error-reason12:Unknown calle");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => request.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("Unknown call", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _daemon.Dispose();

    private async Task<(string Cookie, EndPoint From)> ReceiveRequestAsync()
    {
        var buffer = new byte[2048];
        var result = await _daemon.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(NgMessage.TryParse(buffer.AsSpan(0, result.ReceivedBytes), out var cookie, out _, out var error), error);
        return (cookie, result.RemoteEndPoint);
    }

    private async Task AnswerAsync(EndPoint to, string cookie, string body) =>
        await _daemon.SendToAsync(Encoding.ASCII.GetBytes(cookie + " " + body), to);
}
