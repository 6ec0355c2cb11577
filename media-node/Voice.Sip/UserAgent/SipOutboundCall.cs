using Voice.Sip.Auth;
using Voice.Sip.Messages;
using Voice.Sip.Sdp;
using Voice.Sip.Transport;

namespace Voice.Sip.UserAgent;

/// <summary>What <see cref="SipUserAgent.PlaceCallAsync"/> needs to place a call.</summary>
public sealed record SipOutboundCall
{
    /// <summary>Request-URI (e.g. <c>sip:+15551234567@trunk.example.com</c>; <c>;transport=tcp</c> selects TCP).</summary>
    public required SipUri Target { get; init; }

    /// <summary>From address (our identity, without tag).</summary>
    public required SipAddress From { get; init; }

    /// <summary>Local audio capabilities; the SDP offer is built from them.</summary>
    public required SdpLocalMedia Media { get; init; }

    /// <summary>Extra headers for the INVITE (e.g. P-Asserted-Identity, X-Call-Id).</summary>
    public IReadOnlyList<SipHeader> Headers { get; init; } = [];

    /// <summary>How long to ring before cancelling (the call then ends with <see cref="SipCallEndReason.NoAnswer"/>).</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Credentials for 401/407 Digest challenges; null = fail on challenge.</summary>
    public SipCredentials? Credentials { get; init; }

    /// <summary>Transport when the target does not name one.</summary>
    public SipTransportProtocol Protocol { get; init; } = SipTransportProtocol.Udp;
}
