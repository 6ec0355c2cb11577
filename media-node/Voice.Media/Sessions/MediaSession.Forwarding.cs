using Voice.Media.Codecs;
using Voice.Media.Mixing;
using Voice.Media.Rtp;

namespace Voice.Media.Sessions;

/// <summary>
/// The session as a leg of a forwarded bridge (<see cref="BridgeForwarding"/>). Out: while <c>_forwardOut</c> is set,
/// received audio packets go to the other leg as they come (receive statistics and DTMF stay as they are: RFC 4733
/// events are still detected here and not forwarded, as in a mixed bridge) and the tick neither pulls the jitter
/// buffer nor feeds the mixer. In: while <c>_forwardIn</c> is set, the other leg's packets are sent on our stream,
/// renumbered into it, and the tick sends no frame of its own but keeps media time running. Each tick first drops
/// what no longer holds on this leg, so a recording, tap, prompt or DTMF started here gets this tick's frames.
/// </summary>
public sealed partial class MediaSession : IForwardingLeg
{
    private volatile ForwardingLink? _forwardOut;
    private volatile ForwardingLink? _forwardIn;
    private volatile bool _decodingResumes;
    private bool _jitterReleased; // clock thread: the jitter buffer's store was let go for this forwarding period
    private long _audioPacketsReceived;
    private long _rtpForwarded;
    private long _rtpForwardStale;

    /// <summary>True while this leg's stream carries the other bridged leg's packets (the forwarding fast path).</summary>
    public bool IsSendingForwarded => _forwardIn is not null;

    /// <summary>True while this leg's received audio is forwarded to the other bridged leg instead of decoded.</summary>
    public bool IsForwardingReceived => _forwardOut is not null;

    AudioCodec IForwardingLeg.Codec => _options.Codec;

    long IForwardingLeg.AudioPacketsReceived => Interlocked.Read(ref _audioPacketsReceived);

    bool IForwardingLeg.CanForwardReceived => Volatile.Read(ref _closed) == 0 && _inBandDetector is null && !NeedsFrames();

    bool IForwardingLeg.CanSendForwarded => Volatile.Read(ref _closed) == 0 && !NeedsFrames() && !HasOwnAudio();

    bool IForwardingLeg.AttachForwardingIn(ForwardingLink link)
    {
        lock (_sendGate)
        {
            if (Volatile.Read(ref _closed) != 0 || _forwardIn is not null)
            {
                return false;
            }

            _forwardIn = link;
            return true;
        }
    }

    void IForwardingLeg.DetachForwardingIn(ForwardingLink link)
    {
        lock (_sendGate)
        {
            if (!ReferenceEquals(_forwardIn, link))
            {
                return;
            }

            _forwardIn = null;
            if (link.Map.HasMapped)
            {
                _sendStream.ContinueAfter(link.Map.HighestEnd);
            }

            _markNext = true; // our own frames start a new talkspurt on the receiver's side
        }
    }

    bool IForwardingLeg.AttachForwardingOut(ForwardingLink link) => Interlocked.CompareExchange(ref _forwardOut, link, null) is null;

    void IForwardingLeg.DetachForwardingOut(ForwardingLink link)
    {
        if (ReferenceEquals(_forwardOut, link))
        {
            _decodingResumes = true; // before the tick can see decoding back on
            Interlocked.CompareExchange(ref _forwardOut, null, link);
        }
    }

    bool IForwardingLeg.SendForwarded(ForwardingLink link, in RtpHeader source, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxDatagram - RtpHeader.FixedSize)
        {
            return false;
        }

        // Under the send lock, so the renumbering, the datagram buffer and the send go together with respect to our
        // own ticks: the order on the wire is the order of the numbers at every switch.
        lock (_sendGate)
        {
            if (!ReferenceEquals(_forwardIn, link))
            {
                return false;
            }

            // G.711: one byte per sample.
            if (!link.Map.TryMap(source, payload.Length, _sendStream, _options.AudioPayloadType, out var header))
            {
                Interlocked.Increment(ref _rtpForwardStale);
                return true;
            }

            var length = RtpPacket.Write(_datagram, header, payload);
            if (_transport.SendRtp(_datagram.AsSpan(0, length)))
            {
                Interlocked.Increment(ref _rtpSent);
                Interlocked.Increment(ref _rtpForwarded);
            }
            else
            {
                Interlocked.Increment(ref _rtpSendFailures);
            }

            _sendStream.RecordForwarded(header, payload.Length);
            link.CountForwarded();
            return true;
        }
    }

    // Start of each tick: end forwarding where this leg now needs its frames or has its own audio to send, or the
    // forwarded stream went quiet (then this leg sends silence each tick again, as a mixed bridge does).
    private void CheckForwarding()
    {
        if (_forwardOut is { } outLink)
        {
            if (outLink.IsStopped)
            {
                ((IForwardingLeg)this).DetachForwardingOut(outLink);
            }
            else if (NeedsFrames())
            {
                outLink.Stop();
            }
        }

        if (_forwardIn is { } inLink)
        {
            if (inLink.IsStopped)
            {
                ((IForwardingLeg)this).DetachForwardingIn(inLink);
            }
            else if (NeedsFrames() || HasOwnAudio() || inLink.IsStalledAtTick())
            {
                inLink.Stop();
            }
        }
    }

    private void StopForwarding()
    {
        _forwardOut?.Stop();
        _forwardIn?.Stop();
    }

    private bool NeedsFrames()
    {
        if (_recorder is not null)
        {
            return true;
        }

        foreach (var tap in Volatile.Read(ref _taps))
        {
            if (tap.NeedsFrames)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasOwnAudio() => _source is not null || _returnAudio is not null || _dtmfSender.IsActive;
}
