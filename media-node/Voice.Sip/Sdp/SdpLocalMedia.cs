namespace Voice.Sip.Sdp;

/// <summary>What this side can do for audio: where it receives RTP and which codecs and packet times it supports.</summary>
public sealed record SdpLocalMedia
{
    /// <summary>Advertised IPv4 address for RTP (c= line and o= line).</summary>
    public required string Address { get; init; }

    /// <summary>Local RTP port.</summary>
    public required int RtpPort { get; init; }

    /// <summary>Audio codecs in preference order (default PCMU then PCMA, both 8 kHz).</summary>
    public IReadOnlyList<SdpRtpMap> Codecs { get; init; } = [new(0, "PCMU", 8000), new(8, "PCMA", 8000)];

    /// <summary>Payload type used for telephone-event (RFC 4733) in our offers; null disables DTMF events.</summary>
    public int? TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>Packet times we can send, in ms; the first is offered.</summary>
    public IReadOnlyList<int> Ptimes { get; init; } = [20, 30];

    /// <summary>Username in the o= line.</summary>
    public string Username { get; init; } = "-";
}
