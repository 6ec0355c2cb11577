using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Voice.Media.Clock;
using Voice.Media.Codecs;
using Voice.Media.Dtmf;
using Voice.Media.Jitter;
using Voice.Media.Mixing;
using Voice.Media.Playback;
using Voice.Media.Recording;
using Voice.Media.Rtp;
using Voice.Media.Taps;

namespace Voice.Media.Sessions;

/// <summary>
/// The media of one call leg (rtpengine's "media" with its in and out streams). Receive path (socket thread):
/// RTP → parse → audio into the jitter buffer (decoded), telephone-events into the DTMF receiver; RTCP parsed for
/// BYE. Every clock tick (20 ms): one frame out of the jitter buffer → in-band DTMF detector, conference input,
/// recorder; then the outgoing frame — a queued RFC 4733 event, else the current source (player, TTS, mixer
/// output), else silence — is encoded and sent with sequence numbers and timestamps that run on across silence
/// and events (timestamps from the sample counter, marker bit on the first packet and after each event).
/// Packets are sent every tick, also silence, so NAT bindings and peer RTP timeouts stay alive.
/// In a plain two-leg bridge the received packets may instead be forwarded to the other leg as they come (see
/// MediaSession.Forwarding.cs). Host-facing calls (<see cref="Play"/>, <see cref="SendDtmf"/>, recording, mixing) are thread-safe and take
/// effect at the next tick; events reach the host through the <see cref="Events"/> channel, never by callback.
/// The host registers the session with the <see cref="MediaClock"/> and unregisters it before disposal.
/// </summary>
public sealed partial class MediaSession : IMediaClockTarget, IRtpPacketSink, IAsyncDisposable
{
    private const int FrameSamples = 160;
    private const int MaxDatagram = 1500;
    private readonly MediaSessionOptions _options;
    private readonly IRtpTransport _transport;
    private readonly RtpSocketPair? _ownedSockets;
    private readonly object _receiveGate = new();

    // Our send stream and its datagram buffer: the clock thread's ticks and RTCP, and, while this leg carries a
    // forwarded stream, the other leg's receive thread.
    private readonly Lock _sendGate = new();
    private readonly RtpReceiveStatistics _receiveStatistics = new();
    private readonly DtmfReceiver _dtmfReceiver;
    private readonly DtmfSender _dtmfSender;
    private readonly GoertzelDtmfDetector? _inBandDetector;
    private readonly JitterBuffer _jitterBuffer;
    private readonly RtpSendStream _sendStream = new();
    private readonly Channel<MediaSessionEvent> _events = Channel.CreateUnbounded<MediaSessionEvent>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly short[] _decodeBuffer = new short[MaxDatagram];
    private readonly short[] _received = new short[FrameSamples];
    private readonly short[] _sent = new short[FrameSamples];
    private readonly byte[] _encoded = new byte[FrameSamples];
    private readonly byte[] _datagram = new byte[MaxDatagram];
    private readonly DtmfDigitDetected[] _digits = new DtmfDigitDetected[4];
    private readonly DtmfDigitDetected[] _tickDigits = new DtmfDigitDetected[4];
    private readonly long _rtcpIntervalTicks;
    private readonly RtcpCompoundPacket _rtcp = new();
    private readonly List<RtcpReportBlock> _rtcpBlocks = new(1);
    private readonly byte[] _rtcpBuffer = new byte[MaxDatagram];
    private readonly RtcpSourceDescription _sourceDescription;
    private volatile IAudioSource? _source;
    private volatile MixerParticipant? _participant;
    private volatile WavRecorder? _recorder;
    private IMediaFrameTap[] _taps = [];
    private volatile IAudioSource? _returnAudio;
    private readonly short[] _returned = new short[FrameSamples];
    private uint _remoteSsrc;
    private bool _markNext = true;
    private long _nextRtcpAt;
    private int _closed;
    private long _rtpReceived;
    private long _rtpMalformed;
    private long _rtpUnknownPayloadType;
    private long _rtpOversized;
    private long _telephoneEventsReceived;
    private long _rtcpReceived;
    private long _rtcpMalformed;
    private long _rtpSent;
    private long _rtpSendFailures;
    private long _telephoneEventsSent;
    private long _rtcpSent;

    /// <summary>
    /// Creates a session that sends through <paramref name="transport"/>. When the transport is an
    /// <see cref="RtpSocketPair"/> the session starts its receive loops and disposes it with itself.
    /// </summary>
    public MediaSession(MediaSessionOptions options, IRtpTransport transport)
    {
        _options = options;
        _transport = transport;
        _dtmfReceiver = new DtmfReceiver(options.TelephoneEventClockRate);
        _dtmfSender = new DtmfSender(options.TelephoneEventClockRate);
        _jitterBuffer = new JitterBuffer(options.JitterBuffer);
        _rtcpIntervalTicks = (long)(options.RtcpInterval.TotalSeconds * Stopwatch.Frequency);
        _nextRtcpAt = Stopwatch.GetTimestamp() + (_rtcpIntervalTicks / 2);
        _sourceDescription = new RtcpSourceDescription(_sendStream.Ssrc, options.CanonicalName);
        if (options.InBandDtmf ?? options.TelephoneEventPayloadType is null)
        {
            _inBandDetector = new GoertzelDtmfDetector();
        }

        if (transport is RtpSocketPair sockets)
        {
            _ownedSockets = sockets;
            sockets.Start(this);
        }
    }

    /// <summary>Events for the host (DTMF, playback finished, remote BYE). Completed on disposal.</summary>
    public ChannelReader<MediaSessionEvent> Events => _events.Reader;

    /// <summary>The negotiated options.</summary>
    public MediaSessionOptions Options => _options;

    /// <summary>Our SSRC.</summary>
    public uint Ssrc => _sendStream.Ssrc;

    /// <summary>The jitter buffer of the received stream (counters, delay).</summary>
    public JitterBuffer JitterBuffer => _jitterBuffer;

    /// <summary>A snapshot of the session counters.</summary>
    public MediaSessionCounters Counters
    {
        get
        {
            long lost;
            uint jitter;
            lock (_receiveGate)
            {
                lost = _receiveStatistics.PacketsLost;
                jitter = _receiveStatistics.Jitter;
            }

            return new MediaSessionCounters(
                Interlocked.Read(ref _rtpReceived), Interlocked.Read(ref _rtpMalformed), Interlocked.Read(ref _rtpUnknownPayloadType), Interlocked.Read(ref _rtpOversized),
                Interlocked.Read(ref _telephoneEventsReceived), Interlocked.Read(ref _rtcpReceived), Interlocked.Read(ref _rtcpMalformed),
                Interlocked.Read(ref _rtpSent), Interlocked.Read(ref _rtpSendFailures), Interlocked.Read(ref _telephoneEventsSent), Interlocked.Read(ref _rtcpSent),
                lost, jitter, Interlocked.Read(ref _rtpForwarded), Interlocked.Read(ref _rtpForwardStale));
        }
    }

    /// <summary>
    /// Plays <paramref name="source"/> from the next tick, replacing the current one (which is reported as
    /// stopped). A <see cref="PlaybackFinished"/> event follows when it ends.
    /// </summary>
    public void Play(IAudioSource source)
    {
        var previous = Interlocked.Exchange(ref _source, source);
        if (previous is not null && !ReferenceEquals(previous, source))
        {
            StopSource(previous);
            _events.Writer.TryWrite(new PlaybackFinished(previous, Stopped: true));
        }
    }

    /// <summary>Stops the current source, if any (reported as stopped).</summary>
    public void StopPlayback()
    {
        if (Interlocked.Exchange(ref _source, null) is { } previous)
        {
            StopSource(previous);
            _events.Writer.TryWrite(new PlaybackFinished(previous, Stopped: true));
        }
    }

    /// <summary>Queues digits to send as RFC 4733 events (interleaved with audio, which pauses during each event).</summary>
    /// <exception cref="InvalidOperationException">No telephone-event payload type was negotiated.</exception>
    public void SendDtmf(string digits)
    {
        if (_options.TelephoneEventPayloadType is null)
        {
            throw new InvalidOperationException("the peer did not negotiate telephone-event; DTMF cannot be sent as RFC 4733");
        }

        _dtmfSender.Enqueue(digits);
    }

    /// <summary>Starts writing this leg to <paramref name="recorder"/> (caller = received, callee = sent).</summary>
    public void StartRecording(WavRecorder recorder) => _recorder = recorder;

    /// <summary>Stops recording and completes the file; null when nothing was being recorded.</summary>
    public async Task<RecordingSummary?> StopRecordingAsync()
    {
        var recorder = Interlocked.Exchange(ref _recorder, null);
        return recorder is null ? null : await recorder.CompleteAsync();
    }

    /// <summary>Adds a tap that sees every tick's received and sent frame from the next tick (copy-on-write, lock-free for the clock).</summary>
    public void AddTap(IMediaFrameTap tap)
    {
        lock (_receiveGate)
        {
            _taps = [.. _taps, tap];
        }
    }

    /// <summary>Removes a tap added with <see cref="AddTap"/>; it sees no frame after the current tick.</summary>
    public void RemoveTap(IMediaFrameTap tap)
    {
        lock (_receiveGate)
        {
            _taps = Array.FindAll(_taps, t => !ReferenceEquals(t, tap));
        }
    }

    /// <summary>
    /// Sets (or clears, with null) audio mixed into what the peer hears on top of the current source: a
    /// bidirectional stream's return audio. It is read every tick and mixed in whenever it has audio, so prompts,
    /// bridges and conferences go on underneath it.
    /// </summary>
    public void SetReturnAudio(IAudioSource? source) => _returnAudio = source;

    /// <summary>
    /// Joins a conference (or a two-leg bridge): from the next tick the received audio feeds the mixer, and the
    /// mix is sent whenever no other source plays.
    /// </summary>
    public MixerParticipant JoinMixer(ConferenceMixer mixer, string participantId)
    {
        var participant = mixer.Join(participantId, this);
        _participant = participant;
        return participant;
    }

    /// <summary>Leaves the mixer joined with <see cref="JoinMixer"/>.</summary>
    public void LeaveMixer(ConferenceMixer mixer)
    {
        if (Interlocked.Exchange(ref _participant, null) is { } participant)
        {
            mixer.Leave(participant);
        }
    }

    /// <inheritdoc />
    public void OnTick(in MediaTick tick)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return;
        }

        CheckForwarding();
        ReceiveFrame();
        SendFrame();
        _recorder?.WriteFrame(_received, _sent);
        foreach (var tap in Volatile.Read(ref _taps))
        {
            tap.OnFrame(_received, _sent);
        }
        if (Stopwatch.GetTimestamp() >= _nextRtcpAt)
        {
            _nextRtcpAt += _rtcpIntervalTicks;
            SendRtcp(bye: false);
        }
    }

    /// <inheritdoc />
    public void OnRtp(ReadOnlySpan<byte> datagram, SocketAddress from)
    {
        if (!RtpPacket.TryParse(datagram, out var packet))
        {
            Interlocked.Increment(ref _rtpMalformed);
            return;
        }

        var header = packet.Header;
        var arrival = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _rtpReceived);
        if (header.PayloadType == _options.AudioPayloadType)
        {
            if (packet.Payload.Length > _decodeBuffer.Length)
            {
                Interlocked.Increment(ref _rtpOversized);
                return;
            }

            lock (_receiveGate)
            {
                _remoteSsrc = header.Ssrc;
                _receiveStatistics.Update(header.SequenceNumber, header.Timestamp, arrival * AudioCodecs.SampleRate / Stopwatch.Frequency);
            }

            Interlocked.Increment(ref _audioPacketsReceived);
            if (_forwardOut is { } link && link.To.SendForwarded(link, header, packet.Payload))
            {
                return;
            }

            var samples = _decodeBuffer.AsSpan(0, packet.Payload.Length);
            _options.Codec.Decode(packet.Payload, samples);
            _jitterBuffer.Push(header.Ssrc, header.Timestamp, header.Marker, samples, arrival);
        }
        else if (header.PayloadType == _options.TelephoneEventPayloadType)
        {
            Interlocked.Increment(ref _telephoneEventsReceived);
            int count;
            lock (_receiveGate)
            {
                count = _dtmfReceiver.Process(header.Timestamp, packet.Payload, Environment.TickCount64, _digits);
            }

            Report(_digits.AsSpan(0, count));
        }
        else
        {
            Interlocked.Increment(ref _rtpUnknownPayloadType);
        }
    }

    /// <inheritdoc />
    public void OnRtcp(ReadOnlySpan<byte> datagram, SocketAddress from)
    {
        if (!RtcpCompoundPacket.TryValidate(datagram, out var byes))
        {
            Interlocked.Increment(ref _rtcpMalformed);
            return;
        }

        Interlocked.Increment(ref _rtcpReceived);
        if (byes == 0 || !RtcpCompoundPacket.TryParse(datagram, out var packet))
        {
            return; // a report: nothing in it is used yet, so it is not built
        }

        foreach (var bye in packet.Byes)
        {
            _events.Writer.TryWrite(new RemoteByeReceived(bye));
        }
    }

    /// <summary>Sends an RTCP BYE, completes the recording and the event channel, and closes owned sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        StopForwarding();
        SendRtcp(bye: true);
        await StopRecordingAsync();
        _events.Writer.TryComplete();
        if (_ownedSockets is not null)
        {
            await _ownedSockets.DisposeAsync();
        }
    }

    private static void StopSource(IAudioSource source)
    {
        switch (source)
        {
            case AudioPlayer player:
                player.Stop();
                break;
            case ToneSource tone:
                tone.Stop();
                break;
        }
    }

    private void ReceiveFrame()
    {
        var forwarding = _forwardOut is not null;
        if (forwarding)
        {
            // The packets went to the other leg as they came; nothing needs this frame (taps are idle). What the jitter
            // buffer held is stale, and its sample store is not needed until decoding resumes.
            Array.Clear(_received);
            if (!_jitterReleased)
            {
                _jitterReleased = true;
                _jitterBuffer.Reset(releaseMemory: true);
            }
        }
        else
        {
            if (_decodingResumes)
            {
                // Back from forwarding: whatever the buffer held is from before (or from the switch itself); start afresh.
                _decodingResumes = false;
                _jitterReleased = false;
                _jitterBuffer.Reset();
            }

            _jitterBuffer.Pull(_received);
        }

        int count;
        lock (_receiveGate)
        {
            count = _dtmfReceiver.Poll(Environment.TickCount64, _tickDigits);
        }

        if (_inBandDetector is not null)
        {
            count += _inBandDetector.Process(_received, _tickDigits.AsSpan(count));
        }

        Report(_tickDigits.AsSpan(0, count));
        if (!forwarding)
        {
            _participant?.SubmitInput(_received);
        }
    }

    private void Report(ReadOnlySpan<DtmfDigitDetected> digits)
    {
        foreach (var digit in digits)
        {
            if (_source is AudioPlayer { BargeIn: true } player)
            {
                player.Stop();
            }

            _events.Writer.TryWrite(new DtmfReceived(digit));
        }
    }

    private void SendFrame()
    {
        lock (_sendGate)
        {
            if (_forwardIn is not null)
            {
                // The other leg's packets carry this stream; media time runs on for when it sends its own again.
                Array.Clear(_sent);
                _sendStream.Advance(FrameSamples);
                return;
            }

            SendOwnFrame();
        }
    }

    private void SendOwnFrame()
    {
        var timestamp = _sendStream.CurrentTimestamp;
        if (_options.TelephoneEventPayloadType is { } eventType && _dtmfSender.NextPacket(timestamp, FrameSamples, out var ev, out var eventTimestamp, out var marker))
        {
            ev.Write(_encoded);
            Send(new RtpHeader(eventType, 0, eventTimestamp, 0, marker), _encoded.AsSpan(0, TelephoneEvent.Size));
            Interlocked.Increment(ref _telephoneEventsSent);
            Array.Clear(_sent);
            _markNext = true;
        }
        else
        {
            ReadSource();
            MixReturnAudio();
            _options.Codec.Encode(_sent, _encoded);
            Send(new RtpHeader(_options.AudioPayloadType, 0, timestamp, 0, _markNext), _encoded);
            _markNext = false;
        }

        _sendStream.Advance(FrameSamples);
    }

    private void ReadSource()
    {
        var source = _source;
        if (source is not null)
        {
            if (source.Read(_sent))
            {
                return;
            }

            // Finished (or stopped by barge-in): report once, unless Play already replaced it.
            if (Interlocked.CompareExchange(ref _source, null, source) == source)
            {
                _events.Writer.TryWrite(new PlaybackFinished(source, source is AudioPlayer { WasStopped: true }));
            }
        }

        if (_participant is { } participant)
        {
            participant.Read(_sent);
        }
        else
        {
            Array.Clear(_sent);
        }
    }

    private void MixReturnAudio()
    {
        if (_returnAudio is { } returned && returned.Read(_returned))
        {
            for (var i = 0; i < FrameSamples; i++)
            {
                _sent[i] = (short)Math.Clamp(_sent[i] + _returned[i], short.MinValue, short.MaxValue);
            }
        }
    }

    private void Send(RtpHeader template, ReadOnlySpan<byte> payload)
    {
        var header = _sendStream.NextHeader(template.PayloadType, template.Timestamp, template.Marker, payload.Length);
        var length = RtpPacket.Write(_datagram, header, payload);
        if (_transport.SendRtp(_datagram.AsSpan(0, length)))
        {
            Interlocked.Increment(ref _rtpSent);
        }
        else
        {
            Interlocked.Increment(ref _rtpSendFailures);
        }
    }

    private void SendRtcp(bool bye)
    {
        // The periodic report (clock thread) reuses one packet, block list and buffer, so a report allocates only its
        // sender-report record; the BYE comes from DisposeAsync, possibly while a tick is in flight, so it uses its own.
        var packet = bye ? new RtcpCompoundPacket() : _rtcp;
        var blocks = bye ? new List<RtcpReportBlock>(1) : _rtcpBlocks;
        var buffer = bye ? new byte[MaxDatagram] : _rtcpBuffer;
        uint rtpTimestamp;
        long packets;
        long octets;
        lock (_sendGate)
        {
            rtpTimestamp = _sendStream.CurrentTimestamp;
            packets = _sendStream.PacketCount;
            octets = _sendStream.OctetCount;
        }

        packet.SenderReports.Clear();
        packet.SourceDescriptions.Clear();
        blocks.Clear();
        lock (_receiveGate)
        {
            if (_receiveStatistics.PacketsReceived > 0)
            {
                blocks.Add(RtcpReportBlock.From(_remoteSsrc, _receiveStatistics));
            }
        }

        packet.SenderReports.Add(new RtcpSenderReport(_sendStream.Ssrc, NtpNow(), rtpTimestamp, (uint)packets, (uint)octets, blocks));
        packet.SourceDescriptions.Add(_sourceDescription);
        if (bye)
        {
            packet.Byes.Add(new RtcpBye([_sendStream.Ssrc]));
        }

        var length = packet.Write(buffer);
        if (length > 0 && _transport.SendRtcp(buffer.AsSpan(0, length)))
        {
            Interlocked.Increment(ref _rtcpSent);
        }
    }

    private static ulong NtpNow()
    {
        // NTP era starts 1900-01-01; 32.32 fixed point seconds.
        var since1900 = DateTime.UtcNow - new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var seconds = (ulong)since1900.TotalSeconds;
        var fraction = (ulong)((since1900.TotalSeconds - seconds) * 4294967296.0);
        return (seconds << 32) | fraction;
    }
}
