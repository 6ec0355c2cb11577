using Voice.Sip.Messages;

namespace Voice.Sip.Dialogs;

/// <summary>
/// Dialog state (RFC 3261 §12): identifiers, sequence numbers, remote target and route set. Builds in-dialog
/// requests with loose routing. Not thread-safe: the owning call serializes access.
/// </summary>
public sealed class SipDialog
{
    /// <summary>Creates a dialog from the local and remote addresses (both with their tags).</summary>
    public SipDialog(string callId, SipAddress local, SipAddress remote, SipUri remoteTarget, IReadOnlyList<SipAddress> routeSet, long localSequence, SipUri localContact)
    {
        CallId = callId;
        Local = local;
        Remote = remote;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalSequence = localSequence;
        LocalContact = localContact;
    }

    /// <summary>Call-ID.</summary>
    public string CallId { get; }

    /// <summary>Our address with our tag (From in our requests).</summary>
    public SipAddress Local { get; }

    /// <summary>The peer's address with its tag (To in our requests).</summary>
    public SipAddress Remote { get; private set; }

    /// <summary>Where in-dialog requests go (the peer's Contact); refreshed by target-refresh requests.</summary>
    public SipUri RemoteTarget { get; set; }

    /// <summary>Route set (Record-Route, in the order our requests must visit it).</summary>
    public IReadOnlyList<SipAddress> RouteSet { get; }

    /// <summary>Our contact.</summary>
    public SipUri LocalContact { get; }

    /// <summary>CSeq of our last request.</summary>
    public long LocalSequence { get; private set; }

    /// <summary>CSeq of the peer's last request, if any.</summary>
    public long? RemoteSequence { get; set; }

    /// <summary>Sets the remote tag learned from a response (UAC side).</summary>
    public void SetRemote(SipAddress remote) => Remote = remote;

    /// <summary>The next-hop URI for in-dialog requests: first route if any, else the remote target.</summary>
    public SipUri NextHop => RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;

    /// <summary>A new in-dialog request with the next local CSeq (ACK and CANCEL reuse a given number instead).</summary>
    public SipRequest CreateRequest(string method, long? sequence = null)
    {
        var number = sequence ?? ++LocalSequence;
        var request = new SipRequest(method, RemoteTarget.Clone());
        foreach (var route in RouteSet)
        {
            request.Headers.Add(SipHeaderNames.Route, route.ToString());
        }

        request.Headers.Add(SipHeaderNames.From, Local.ToString());
        request.Headers.Add(SipHeaderNames.To, Remote.ToString());
        request.Headers.Add(SipHeaderNames.CallId, CallId);
        request.Headers.Add(SipHeaderNames.CSeq, $"{number} {method}");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        if (method is SipMethods.Invite or SipMethods.Update)
        {
            request.Headers.Add(SipHeaderNames.Contact, new SipAddress(LocalContact).ToString());
        }

        return request;
    }
}
