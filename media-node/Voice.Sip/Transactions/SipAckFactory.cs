using Voice.Sip.Messages;

namespace Voice.Sip.Transactions;

/// <summary>Builds the ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3).</summary>
public static class SipAckFactory
{
    /// <summary>
    /// Same Request-URI, Call-ID, From, CSeq number and top Via as the INVITE; To from the response (with its tag);
    /// Route copied from the INVITE.
    /// </summary>
    public static SipRequest ForNon2xx(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, invite.RequestUri);
        var vias = invite.Headers.GetValues(SipHeaderNames.Via);
        if (vias.Count > 0)
        {
            ack.Headers.Add(SipHeaderNames.Via, vias[0]);
        }

        invite.Headers.CopyTo(ack.Headers, SipHeaderNames.Route);
        invite.Headers.CopyTo(ack.Headers, SipHeaderNames.From);
        if (response.Headers.Get(SipHeaderNames.To) is { } to)
        {
            ack.Headers.Add(SipHeaderNames.To, to);
        }

        invite.Headers.CopyTo(ack.Headers, SipHeaderNames.CallId);
        ack.Headers.Add(SipHeaderNames.CSeq, $"{invite.CSeq?.Number ?? 1} ACK");
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        return ack;
    }
}
