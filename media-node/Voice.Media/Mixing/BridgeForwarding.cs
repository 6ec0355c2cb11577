namespace Voice.Media.Mixing;

/// <summary>
/// The forwarding fast path of a two-member mixer (a plain bridge): while nothing needs the audio decoded or mixed,
/// each leg's received RTP packets go straight out on the other leg's stream (renumbered into it) instead of
/// decode → jitter buffer → mix → encode on the clock, as rtpengine relays. Evaluated per direction on every mix:
/// a direction forwards while both legs use the same codec, the mix is not recorded, the source is not muted, the
/// listener not deaf, nobody coaches, the source needs no decoded audio and the listener has nothing of its own to
/// send (see <see cref="IForwardingLeg"/>), and the source's packets flow. Any condition failing stops it: at the
/// next mix, at once for a join, leave or mix recording, and at the legs' own next tick for what is set on a leg
/// (recording, a tap, a prompt, DTMF to send) or when the source goes quiet (<see cref="ForwardingLink.StallTicks"/>).
/// </summary>
internal sealed class BridgeForwarding(ConferenceMixer mixer)
{
    private readonly Lock _gate = new();
    private readonly ForwardingLink?[] _links = new ForwardingLink?[2];
    private readonly long[] _seen = new long[2];
    private MixerParticipant[]? _pair;

    /// <summary>True while both directions forward (the mixer has nothing to mix).</summary>
    public bool BothForwarding
    {
        get
        {
            lock (_gate)
            {
                return _links[0] is { IsStopped: false } && _links[1] is { IsStopped: false };
            }
        }
    }

    /// <summary>
    /// Starts or stops each direction of <paramref name="pair"/> (the mixer's two participants as the mix read them),
    /// unless the membership changed meanwhile. Returns true when both directions forward.
    /// </summary>
    public bool Update(MixerParticipant[] pair, bool recorded)
    {
        lock (_gate)
        {
            // Join and Leave swap the array before they stop forwarding, so a mix that read the old pair cannot
            // start forwarding after them.
            if (!ReferenceEquals(pair, mixer.ParticipantArray) || pair.Length != 2)
            {
                StopLocked();
                return false;
            }

            if (!ReferenceEquals(pair, _pair))
            {
                StopLocked();
                _pair = pair;
                _seen[0] = pair[0].Leg?.AudioPacketsReceived ?? 0;
                _seen[1] = pair[1].Leg?.AudioPacketsReceived ?? 0;
            }

            var forwarding = 0;
            for (var d = 0; d < 2; d++)
            {
                if (UpdateDirection(d, pair[d], pair[1 - d], recorded))
                {
                    forwarding++;
                }
            }

            return forwarding == 2;
        }
    }

    /// <summary>Stops both directions (membership changed, the mix is recorded).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            StopLocked();
            _pair = null;
        }
    }

    private bool UpdateDirection(int direction, MixerParticipant source, MixerParticipant listener, bool recorded)
    {
        var link = _links[direction];
        if (link is { IsStopped: true })
        {
            link = _links[direction] = null;
        }

        if (recorded || source.Leg is not { } from || listener.Leg is not { } to || from.Codec != to.Codec
            || source.Muted || listener.Deaf || source.Coaching is not null || listener.Coaching is not null
            || !from.CanForwardReceived || !to.CanSendForwarded)
        {
            link?.Stop();
            _links[direction] = null;
            _seen[direction] = source.Leg?.AudioPacketsReceived ?? 0;
            return false;
        }

        var received = from.AudioPacketsReceived;
        var flowing = received != _seen[direction];
        _seen[direction] = received;
        if (link is not null || !flowing)
        {
            return link is not null;
        }

        link = new ForwardingLink(from, to);
        if (!to.AttachForwardingIn(link))
        {
            return false;
        }

        if (!from.AttachForwardingOut(link))
        {
            link.Stop();
            return false;
        }

        _links[direction] = link;
        return true;
    }

    private void StopLocked()
    {
        for (var d = 0; d < 2; d++)
        {
            _links[d]?.Stop();
            _links[d] = null;
        }
    }
}
