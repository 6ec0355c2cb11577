using System.Net;
using Voice.Sip.Messages;
using Voice.Sip.Transport;

namespace Voice.Sip.Transactions;

/// <summary>
/// A new request delivered to the transaction user. <see cref="Transaction"/> is null for an ACK to a 2xx (which is
/// not part of any transaction); respond to everything else through the transaction.
/// </summary>
public sealed record SipIncomingRequest(SipRequest Request, IPEndPoint Remote, SipTransportProtocol Protocol, SipServerTransaction? Transaction)
{
    /// <summary>For a CANCEL (already answered 200): the INVITE transaction it cancels; the TU should answer it 487.</summary>
    public SipServerTransaction? CancelledInvite { get; init; }
}
