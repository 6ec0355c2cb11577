using Voice.Media.Rtp;

namespace Voice.Media.Mixing;

/// <summary>
/// One direction of a forwarded bridge: the audio packets <see cref="From"/> receives go out on <see cref="To"/>'s
/// stream, renumbered by <see cref="Map"/> (which <see cref="To"/> uses under its send lock). A link lives from
/// its start to one <see cref="Stop"/>; forwarding again makes a new one, with a new map that anchors afresh.
/// </summary>
internal sealed class ForwardingLink(IForwardingLeg from, IForwardingLeg to)
{
    /// <summary>
    /// Ticks of <see cref="To"/> (0.5 s) without a forwarded packet after which it sends its own frames again, so its
    /// peer keeps getting RTP (silence, as from a mixed bridge); long enough that a loaded node does not flap.
    /// </summary>
    public const int StallTicks = 25;

    private long _forwarded;
    private long _seenAtTick;
    private int _idleTicks;
    private int _stopped;

    /// <summary>The leg whose received packets are forwarded.</summary>
    public IForwardingLeg From => from;

    /// <summary>The leg whose stream carries them.</summary>
    public IForwardingLeg To => to;

    /// <summary>The renumbering into <see cref="To"/>'s stream (used under its send lock).</summary>
    public RtpForwardingMap Map { get; } = new();

    /// <summary>True once stopped.</summary>
    public bool IsStopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>Packets forwarded so far.</summary>
    public long Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Counts one forwarded packet (under <see cref="To"/>'s send lock).</summary>
    public void CountForwarded() => Volatile.Write(ref _forwarded, _forwarded + 1);

    /// <summary>
    /// Called on each tick of <see cref="To"/>: true when no packet came for <see cref="StallTicks"/> ticks (the
    /// source went quiet: hold, silence suppression, a long DTMF event).
    /// </summary>
    public bool IsStalledAtTick()
    {
        var forwarded = Forwarded;
        if (forwarded != _seenAtTick)
        {
            _seenAtTick = forwarded;
            _idleTicks = 0;
            return false;
        }

        return ++_idleTicks >= StallTicks;
    }

    /// <summary>Ends forwarding in this direction: <see cref="To"/> takes its stream back, then <see cref="From"/> decodes again. Idempotent, any thread.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // In this order a packet that arrives meanwhile is refused by To, so From decodes it instead of sending it on a
        // stream To numbers again.
        to.DetachForwardingIn(this);
        from.DetachForwardingOut(this);
    }
}
