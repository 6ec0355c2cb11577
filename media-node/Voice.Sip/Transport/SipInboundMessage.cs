using System.Net;
using Voice.Sip.Messages;

namespace Voice.Sip.Transport;

/// <summary>A valid message received by a transport, with where it came from and over what.</summary>
public sealed record SipInboundMessage(SipMessage Message, IPEndPoint Remote, SipTransportProtocol Protocol);
