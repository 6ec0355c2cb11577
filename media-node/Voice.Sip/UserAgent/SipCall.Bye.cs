using Voice.Sip.Messages;

namespace Voice.Sip.UserAgent;

/// <summary>
/// The BYE with which this side ends an established call. The call ends locally at once; the BYE's client
/// transaction then runs on its own (retransmitted over UDP until answered or timer F), so nothing waits for a
/// far end that may have vanished.
/// </summary>
// CA1001: see SipCall.cs (the gate needs no disposal); the analyzer reports on whichever part it meets first.
#pragma warning disable CA1001
public sealed partial class SipCall
#pragma warning restore CA1001
{
    private static readonly Task<SipResponse?> NoBye = Task.FromResult<SipResponse?>(null);
    private Task<SipResponse?> byeResponse = NoBye;

    /// <summary>
    /// The far end's final response to the BYE with which this side ended the call, once that transaction is over:
    /// 2xx when the far end confirmed, a synthesized 408 when it never answered (after timer F, 64·T1 = 32 s by
    /// default, the BYE retransmitted meanwhile), 503 when it could not be sent. Null when this side sent no BYE (the
    /// call was cancelled, rejected or ended by the far end) or the dialog's next hop did not resolve. Set before the
    /// call's end is reported (<see cref="Ended"/>, <see cref="SipCallEnded"/>); never faults. Stays pending when the
    /// user agent is disposed first.
    /// </summary>
    public Task<SipResponse?> ByeResponse => Volatile.Read(ref byeResponse);

    // Under the gate, before End(): whoever sees the end then finds this BYE's response task. Nothing is sent here
    // (principle 8: no I/O under the call's lock); SendInBackground does that once the gate is released.
    private PendingBye PrepareBye()
    {
        var bye = new PendingBye(Dialog!.CreateRequest(SipMethods.Bye), new TaskCompletionSource<SipResponse?>(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref byeResponse, bye.Response.Task);
        return bye;
    }

    private void SendInBackground(PendingBye bye)
    {
        // The agent waits for it briefly when disposed, so a BYE sent just before shutdown still goes out.
        agent.TrackBye(bye.Response.Task);
        _ = SendAsync(bye);
    }

    private async Task SendAsync(PendingBye bye)
    {
        SipResponse? response = null;
        try
        {
            if (await ResolveAsync(Dialog!.NextHop) is { } target)
            {
                response = await agent.Layer.SendRequest(bye.Request, target.EndPoint, target.Protocol).FinalResponseAsync();
            }
        }
        catch (Exception)
        {
            // The transaction layer never throws; a resolver failure means the BYE cannot be routed: no response.
        }

        bye.Response.TrySetResult(response);
    }

    private sealed record PendingBye(SipRequest Request, TaskCompletionSource<SipResponse?> Response);
}
