using System.Net;
using System.Net.Sockets;

namespace Voice.Bench.Relay;

/// <summary>
/// A client of rtpengine's ng control protocol over UDP (one request at a time): each request gets a fresh cookie and
/// is retransmitted after a second without an answer, as rtpengine expects of its SIP proxies; answers with other
/// cookies (late duplicates) are skipped. A <c>result</c> other than <c>ok</c> or <c>pong</c> throws with the daemon's
/// <c>error-reason</c>.
/// </summary>
internal sealed class NgClient : IDisposable
{
    private const int Attempts = 3;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[65536];
    private readonly string _prefix = $"b{Environment.ProcessId}";
    private long _sequence;

    public NgClient(IPEndPoint server)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Connect(server);
    }

    /// <summary>Sends <paramref name="request"/> (a dictionary with a <c>command</c>) and returns the answer's dictionary.</summary>
    /// <exception cref="TimeoutException">No answer after three tries.</exception>
    /// <exception cref="InvalidOperationException">The daemon answered with an error.</exception>
    public async Task<Dictionary<string, object>> RequestAsync(Dictionary<string, object> request, CancellationToken cancellationToken)
    {
        var cookie = $"{_prefix}-{++_sequence}";
        var datagram = NgMessage.Format(cookie, request);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await _socket.SendAsync(datagram, SocketFlags.None, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var length = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
                    if (NgMessage.TryParse(_buffer.AsSpan(0, length), out var answerCookie, out var answer, out _) && answer is not null && answerCookie == cookie)
                    {
                        return answer.GetValueOrDefault("result") is "ok" or "pong"
                            ? answer
                            : throw new InvalidOperationException($"rtpengine {request.GetValueOrDefault("command")}: {answer.GetValueOrDefault("result")} {answer.GetValueOrDefault("error-reason")}");
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // No answer within a second: retransmit under the same cookie.
            }
            catch (SocketException) when (attempt + 1 < Attempts)
            {
                // ICMP port unreachable while the daemon is still starting: try again.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        throw new TimeoutException($"rtpengine did not answer {request.GetValueOrDefault("command")} after {Attempts} tries");
    }

    public void Dispose() => _socket.Dispose();
}
