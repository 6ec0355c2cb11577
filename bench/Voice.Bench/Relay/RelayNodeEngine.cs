using System.Net;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Mixing;
using Voice.Media.Rtp;
using Voice.Media.Sessions;
using Voice.Media.Taps;
using Voice.MediaNode.Calls;

namespace Voice.Bench.Relay;

/// <summary>
/// The media-node's engine for bridged calls, built as the node builds it (keep in step with
/// media-node/Voice.MediaNode/Calls/SipNode.cs StartAsync, CallLeg.StartMedia and CallLeg.Conference's bridge):
/// one <see cref="MediaClock"/>, an <see cref="RtpPortAllocator"/> on 127.0.0.1, <see cref="MixerRooms"/>; per
/// call two legs (an <see cref="RtpSocketPair"/> and a <see cref="MediaSession"/> with the node's options and
/// answer-audio tap, registered with the clock) joined in a two-member mixer named as the node names a bridge.
/// </summary>
internal sealed class RelayNodeEngine : IAsyncDisposable
{
    private readonly MediaClock _clock;
    private readonly RtpPortAllocator _ports;
    private readonly MixerRooms _rooms;
    private readonly List<(string Room, ConferenceMixer Mixer, MediaSession A, MediaSession B)> _calls = [];

    private RelayNodeEngine(MediaClock clock, RtpPortAllocator ports)
    {
        _clock = clock;
        _ports = ports;
        _rooms = new MixerRooms(clock);
    }

    /// <summary>
    /// The clock and port allocator as SipNode.StartAsync makes them (the clock settings are the bench's options, by
    /// default the node's <c>ClockOptions</c>). When the node changes how it builds these, change this.
    /// </summary>
    public static RelayNodeEngine Create(int threads, int phases, int spinMicroseconds, int portMin, int portMax)
    {
        var clock = new MediaClock(threads: threads, spinMicroseconds: spinMicroseconds, phases: phases);
        clock.Start();
        var ports = new RtpPortAllocator(portMin, portMax, IPAddress.Loopback);
        return new RelayNodeEngine(clock, ports);
    }

    /// <summary>Clock ticks skipped so far (the clock fell more than five periods behind).</summary>
    public long SkippedTicks => _clock.SkippedTicks;

    /// <summary>Bridges a call between <paramref name="remoteA"/> and <paramref name="remoteB"/>; returns its two legs' RTP ports.</summary>
    public RelayCallPorts Bridge(int call, IPEndPoint remoteA, IPEndPoint remoteB)
    {
        var (idA, idB) = ($"relay-{call}-a", $"relay-{call}-b");
        var (a, portA) = StartLeg(remoteA);
        var (b, portB) = StartLeg(remoteB);
        var room = "bridge:" + string.Join('+', new[] { idA, idB }.Order(StringComparer.Ordinal));
        var mixer = _rooms.Open(room);
        a.JoinMixer(mixer, idA);
        b.JoinMixer(mixer, idB);
        _calls.Add((room, mixer, a, b));
        return new RelayCallPorts(portA, portB);
    }

    /// <summary>Sums of every leg's counters.</summary>
    public (long Received, long Sent, long SendFailures, long JitterLate, long JitterOverflows, long Concealed, long Forwarded, int ForwardingBridges) Counters()
    {
        var sessions = _calls.SelectMany(c => new[] { c.A, c.B }).ToList();
        var counters = sessions.Select(s => s.Counters).ToList();
        var buffers = sessions.Select(s => s.JitterBuffer.Counters).ToList();
        return (counters.Sum(c => c.RtpReceived), counters.Sum(c => c.RtpSent), counters.Sum(c => c.RtpSendFailures),
            buffers.Sum(b => b.Late), buffers.Sum(b => b.Overflows), buffers.Sum(b => b.ConcealedFrames),
            counters.Sum(c => c.RtpForwarded), _calls.Count(c => c.Mixer.IsForwarding));
    }

    /// <summary>Ends every call as the node does (leave the mixer, close the room, unregister, dispose), then the clock.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (room, mixer, a, b) in _calls)
        {
            foreach (var session in new[] { a, b })
            {
                session.LeaveMixer(mixer);
                _clock.Unregister(session);
                await session.DisposeAsync();
            }

            _rooms.CloseIfEmpty(room);
        }

        _clock.Dispose();
    }

    // CallLeg: the leg's sockets come from the allocator, the remote from the SDP, the session's options from the
    // negotiated PCMU with telephone-event 101, the answer-audio tap every leg carries.
    private (MediaSession Session, int Port) StartLeg(IPEndPoint remote)
    {
        var sockets = _ports.Allocate();
        sockets.SetRemote(remote);
        var session = new MediaSession(new MediaSessionOptions { Codec = AudioCodec.Pcmu, PayloadType = 0, TelephoneEventPayloadType = 101 }, sockets);
        session.AddTap(new AnswerAudioBuffer(seconds: 5));
        _clock.Register(session);
        return (session, sockets.LocalRtp.Port);
    }
}
