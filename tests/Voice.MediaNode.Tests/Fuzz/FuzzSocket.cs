using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Voice.Sip.Messages;
using Voice.Sip.Parsing;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// The fuzzer's UDP socket on 127.0.0.1. Sends datagrams; records the status codes of every SIP response it gets,
/// keyed by each Call-ID value the response carries (read from the raw text, since a rejection echoes malformed
/// headers); answers requests the node sends to it (BYE after a fuzz call was answered) with 200, keeping their text
/// (<see cref="RequestAsync"/>: what the node put in an INVITE it sent here). Disposing
/// closes the socket and waits for the receive loop.
/// </summary>
internal sealed class FuzzSocket : IAsyncDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> lastResponses = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requests = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task receiving;

    public FuzzSocket()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveBufferSize = 4 << 20;
        receiving = Task.Run(ReceiveAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, to);
        }
        catch (SocketException)
        {
            // ICMP port unreachable from an earlier datagram, or a datagram the kernel refuses: the fuzz goes on.
        }
    }

    public void Send(string text, IPEndPoint to) => Send(Encoding.UTF8.GetBytes(text), to);

    /// <summary>
    /// Status codes received so far for <paramref name="callId"/>, in arrival order; pass <c>"{callId}|{cseq}"</c>
    /// (e.g. <c>"abc|4 INVITE"</c>) for the responses of one transaction.
    /// </summary>
    public IReadOnlyList<int> StatusesFor(string callId) => statuses.TryGetValue(callId, out var list) ? [.. list] : [];

    /// <summary>The text of the last response received for <paramref name="callId"/>, or null.</summary>
    public string? LastResponseFor(string callId) => lastResponses.GetValueOrDefault(callId);

    /// <summary>Waits until a response for <paramref name="callId"/> matching <paramref name="match"/> arrived; null after the timeout.</summary>
    public async Task<int?> ResponseAsync(string callId, Func<int, bool> match, int seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (StatusesFor(callId).FirstOrDefault(match) is var status and not 0)
            {
                return status;
            }

            await Task.Delay(10);
        }

        return null;
    }

    /// <summary>Waits for a request the node sent here whose text matches; null after the timeout.</summary>
    public async Task<string?> RequestAsync(Func<string, bool> match, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (requests.FirstOrDefault(match) is { } request)
            {
                return request;
            }

            await Task.Delay(10);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket.Dispose();
        await receiving;
        stopping.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65_536];
        while (!stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stopping.Token);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes);
            if (text.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && text.Length >= 11 && int.TryParse(text.AsSpan(8, 3), out var status))
            {
                var cseq = HeaderValues(text, "CSeq", null).FirstOrDefault();
                foreach (var callId in HeaderValues(text, "Call-ID", "i"))
                {
                    lastResponses[callId] = text;
                    statuses.GetOrAdd(callId, _ => new ConcurrentQueue<int>()).Enqueue(status);
                    statuses.GetOrAdd($"{callId}|{cseq}", _ => new ConcurrentQueue<int>()).Enqueue(status);
                }
            }
            else if (SipMessageParser.Parse(buffer.AsSpan(0, received.ReceivedBytes)).Message is SipRequest { Method: not SipMethods.Ack } request)
            {
                requests.Enqueue(text);
                Send(SipMessageWriter.ToBytes(SipResponseFactory.Create(request, 200)), (IPEndPoint)received.RemoteEndPoint);
            }
        }
    }

    private static IEnumerable<string> HeaderValues(string response, string name, string? compact)
    {
        var headEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        foreach (var line in (headEnd < 0 ? response : response[..headEnd]).Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line.AsSpan(0, colon).Trim() is var header && (header.Equals(name, StringComparison.OrdinalIgnoreCase) || header.Equals(compact, StringComparison.OrdinalIgnoreCase)))
            {
                yield return line[(colon + 1)..].Trim();
            }
        }
    }
}
