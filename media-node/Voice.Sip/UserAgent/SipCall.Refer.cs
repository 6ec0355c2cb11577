using Voice.Sip.Messages;
using Voice.Sip.Transactions;

namespace Voice.Sip.UserAgent;

/// <summary>
/// Transfer as the transferor (RFC 3515): REFER in the dialog and the NOTIFYs of its implicit subscription, which
/// <see cref="SipReferSubscription"/> reads. A REFER from the peer (asking us to transfer) is refused with 403: the
/// node places calls only on the engine's command.
/// </summary>
public sealed partial class SipCall
{
    private readonly List<SipReferSubscription> referrals = [];

    /// <summary>
    /// Sends a REFER asking the peer to call <see cref="SipReferRequest.Target"/> and returns its subscription at once;
    /// follow it through <see cref="SipReferSubscription.Progress"/> and <see cref="SipReferSubscription.Completed"/>.
    /// Null when the call is not established. A 401/407 to the REFER is not answered with credentials: the REFER ends
    /// <see cref="SipReferResult.Refused"/> with that status.
    /// </summary>
    public async Task<SipReferSubscription?> ReferAsync(SipReferRequest refer)
    {
        SipReferSubscription subscription;
        SipClientTransaction transaction;
        await gate.WaitAsync();
        try
        {
            if (State != SipCallState.Established || Dialog is null || await ResolveAsync(Dialog.NextHop) is not { } target)
            {
                return null;
            }

            var request = Dialog.CreateRequest(SipMethods.Refer);
            request.Headers.Add(SipHeaderNames.Contact, new SipAddress(Dialog.LocalContact).ToString());
            request.Headers.Add(SipHeaderNames.ReferTo, refer.ReferToValue());
            request.Headers.Add(SipHeaderNames.ReferredBy, (refer.ReferredBy ?? new SipAddress(Dialog.Local.Uri)).ToString());
            request.Headers.Add(SipHeaderNames.UserAgent, agent.Options.Product);
            foreach (var header in refer.Headers)
            {
                request.Headers.Add(header.Name, header.Value);
            }

            // Registered before the REFER leaves: the first NOTIFY may overtake the 202 (RFC 3515 §2.4.4).
            subscription = new SipReferSubscription(Dialog.LocalSequence, agent.Options.ReferNotifyTimeout);
            referrals.Add(subscription);
            transaction = agent.Layer.SendRequest(request, target.EndPoint, target.Protocol);
        }
        finally
        {
            gate.Release();
        }

        _ = AwaitReferResponseAsync(transaction, subscription);
        return subscription;
    }

    internal async Task OnNotifyAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        SipResponse response;
        await gate.WaitAsync();
        try
        {
            response = AnswerNotify(request);
        }
        finally
        {
            gate.Release();
        }

        await transaction.SendResponseAsync(response);
    }

    internal async Task OnReferAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        var status = request.Headers.CountOf(SipHeaderNames.ReferTo) != 1 || State == SipCallState.Terminated
            ? (State == SipCallState.Terminated ? 481 : 400)
            : 403;
        var reason = status switch
        {
            400 => "Exactly One Refer-To Required",
            403 => "Transfer Requests Not Accepted",
            _ => null,
        };
        await transaction.SendResponseAsync(SipResponseFactory.Create(request, status, reason));
    }

    // Under the gate. RFC 6665 §8.3.1 / RFC 3515: 489 for another event package, 481 for no such subscription.
    private SipResponse AnswerNotify(SipRequest request)
    {
        if (request.Headers.Get(SipHeaderNames.Event) is not { } rawEvent || !SipEventHeader.TryParse(rawEvent, out var header))
        {
            return SipResponseFactory.Create(request, 400, "Bad Event Header");
        }

        if (header.Package != SipEventHeader.ReferPackage)
        {
            var badEvent = SipResponseFactory.Create(request, 489);
            badEvent.Headers.Add("Allow-Events", SipEventHeader.ReferPackage);
            return badEvent;
        }

        referrals.RemoveAll(r => r.IsOver);
        if (referrals.FirstOrDefault(r => r.Matches(header.Id)) is not { } subscription)
        {
            return SipResponseFactory.Create(request, 481, "Subscription Does Not Exist");
        }

        var (status, reason) = subscription.OnNotify(request);
        return SipResponseFactory.Create(request, status, reason);
    }

    private async Task AwaitReferResponseAsync(SipClientTransaction transaction, SipReferSubscription subscription) =>
        subscription.OnReferResponse(await transaction.FinalResponseAsync());

    // Under the gate, from End(): the subscriptions can report nothing more.
    private void EndReferrals()
    {
        foreach (var referral in referrals)
        {
            referral.OnCallEnded();
        }

        referrals.Clear();
    }
}
