using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Voice.Sip.Sdp;

namespace Voice.Bench.Relay;

/// <summary>
/// Sipwise rtpengine (Debian rtpengine-daemon) forwarding in userspace (<c>--table=-1</c>: no kernel module) as
/// the relay under test, driven over its ng control protocol. Each call: <c>offer</c> with leg A's SDP (the
/// generator's side A, PCMU and telephone-event, written by the node's own <see cref="SdpNegotiator"/>); the SDP
/// rtpengine returns is what leg B is told, so its port is where B sends. <c>answer</c> with leg B's SDP (B's answer
/// to that offer); the SDP returned is what A is told, so its port is where A sends. At the end <c>delete</c> each
/// call, whose totals say how many RTP packets rtpengine received.
/// </summary>
internal sealed class RtpengineRelay : IRelayUnderTest
{
    private const string Program = "/usr/bin/rtpengine";
    private readonly Process _process;
    private readonly NgClient _ng;
    private readonly List<(string CallId, string FromTag)> _calls = [];

    private RtpengineRelay(Process process, NgClient ng)
    {
        _process = process;
        _ng = ng;
    }

    public string Name => "rtpengine";

    public int Pid => _process.Id;

    public static bool IsInstalled => File.Exists(Program);

    public static async Task<RtpengineRelay> StartAsync(int portMin, int portMax, int threads, CancellationToken cancellationToken)
    {
        var ngPort = FreeUdpPort();
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "--config-file=none", "--foreground", "--log-stderr", "--table=-1", "--interface=127.0.0.1",
            $"--listen-ng=127.0.0.1:{ngPort}", $"--port-min={portMin}", $"--port-max={portMax}",
            $"--num-threads={threads}", "--log-level=4",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("rtpengine did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var relay = new RtpengineRelay(process, new NgClient(new IPEndPoint(IPAddress.Loopback, ngPort)));
        try
        {
            await relay._ng.RequestAsync(new() { ["command"] = "ping" }, cancellationToken);
            return relay;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<RelayCallPorts>> BridgeAsync(int calls, int generatorA, int generatorB, CancellationToken cancellationToken)
    {
        var ports = new List<RelayCallPorts>(calls);
        for (var i = 0; i < calls; i++)
        {
            var (callId, fromTag, toTag) = ($"relay-bench-{i}", $"a{i}", $"b{i}");
            var legA = new SdpNegotiator(Local(generatorA));
            var offer = await _ng.RequestAsync(new() { ["command"] = "offer", ["call-id"] = callId, ["from-tag"] = fromTag, ["sdp"] = legA.CreateOffer().ToString() }, cancellationToken);
            _calls.Add((callId, fromTag));
            var toB = Sdp(offer);
            var answerOfB = new SdpNegotiator(Local(generatorB)).Answer(toB).Answer ?? throw new InvalidOperationException("leg B could not answer rtpengine's offer");
            var answer = await _ng.RequestAsync(new() { ["command"] = "answer", ["call-id"] = callId, ["from-tag"] = fromTag, ["to-tag"] = toTag, ["sdp"] = answerOfB.ToString() }, cancellationToken);
            ports.Add(new RelayCallPorts(LegA: Sdp(answer).Media[0].Port, LegB: toB.Media[0].Port));
        }

        return ports;
    }

    public async Task<long> ReceivedPacketsAsync(CancellationToken cancellationToken)
    {
        long packets = 0;
        foreach (var (callId, fromTag) in _calls)
        {
            // With its from-tag, delete answers with the call's statistics (without, only "ok").
            var deleted = await _ng.RequestAsync(new() { ["command"] = "delete", ["call-id"] = callId, ["from-tag"] = fromTag }, cancellationToken);
            if (deleted.GetValueOrDefault("totals") is Dictionary<string, object> { } totals
                && totals.GetValueOrDefault("RTP") is Dictionary<string, object> rtp && rtp.GetValueOrDefault("packets") is long count)
            {
                packets += count;
            }
        }

        _calls.Clear();
        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        _ng.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static SdpLocalMedia Local(int port) => new()
    {
        Address = "127.0.0.1",
        RtpPort = port,
        Codecs = [new SdpRtpMap(0, "PCMU", 8000)],
        TelephoneEventPayloadType = 101,
        Ptimes = [20],
    };

    private static SdpSession Sdp(Dictionary<string, object> message)
    {
        if (message.GetValueOrDefault("sdp") is not string text || !SdpParser.TryParse(text, out var session, out _))
        {
            throw new InvalidOperationException($"rtpengine's answer has no usable SDP: {message.GetValueOrDefault("sdp")}");
        }

        if (session.Media.Count == 0 || session.ConnectionFor(session.Media[0])?.Address != "127.0.0.1")
        {
            throw new InvalidOperationException($"rtpengine's SDP does not point at 127.0.0.1: {text}");
        }

        return session;
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
