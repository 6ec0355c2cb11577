using Voice.Media.Codecs;
using Voice.Media.Rtp;

namespace Voice.Media.Mixing;

/// <summary>
/// A member of a two-member mixer that can take part in a forwarded bridge (<see cref="BridgeForwarding"/>): its
/// received audio packets can leave on the other leg's stream as they are, and its own stream can carry the other
/// leg's packets. A media session is one.
/// </summary>
internal interface IForwardingLeg
{
    /// <summary>The leg's audio codec (forwarding needs both legs on the same one).</summary>
    AudioCodec Codec { get; }

    /// <summary>Audio packets received so far (a bridge starts forwarding a stream only while packets come).</summary>
    long AudioPacketsReceived { get; }

    /// <summary>Nothing on the leg needs its received audio decoded: no in-band DTMF detection, recording or tap that wants frames.</summary>
    bool CanForwardReceived { get; }

    /// <summary>The leg has nothing of its own to send (prompt, return audio, DTMF) and nothing needs the frames it sends.</summary>
    bool CanSendForwarded { get; }

    /// <summary>Starts carrying <paramref name="link"/>'s packets on this leg's stream; false when the leg cannot (closed, already carrying).</summary>
    bool AttachForwardingIn(ForwardingLink link);

    /// <summary>Takes the stream back from <paramref name="link"/>: from its next tick the leg sends its own frames again, continuing the numbering.</summary>
    void DetachForwardingIn(ForwardingLink link);

    /// <summary>Starts handing this leg's received audio packets to <paramref name="link"/> instead of decoding them; false when already forwarding.</summary>
    bool AttachForwardingOut(ForwardingLink link);

    /// <summary>Decodes received audio again (its next tick starts a fresh jitter buffer).</summary>
    void DetachForwardingOut(ForwardingLink link);

    /// <summary>
    /// Sends <paramref name="source"/>'s payload on this leg's stream, renumbered by <paramref name="link"/>'s map; false
    /// when the link no longer carries this stream (the caller then decodes the packet as usual).
    /// </summary>
    bool SendForwarded(ForwardingLink link, in RtpHeader source, ReadOnlySpan<byte> payload);
}
