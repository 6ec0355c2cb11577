using Voice.Sip.Messages;
using Voice.Sip.Transactions;

namespace Voice.Sip.UserAgent;

/// <summary>
/// INFO inside the call (RFC 6086, legacy usage without Info Packages): sending one with any body, and taking the
/// peer's, reported as <see cref="SipCallInfoReceived"/>.
/// </summary>
public sealed partial class SipCall
{
    /// <summary>Longest INFO body we send (Telnyx's limit; it keeps the request well inside a UDP datagram).</summary>
    public const int MaxInfoBodyBytes = 1400;

    /// <summary>
    /// Sends an INFO with <paramref name="body"/> of <paramref name="contentType"/> and returns the peer's final
    /// response (408 when it never answered). Null when the call is not established or the body is too large.
    /// </summary>
    public async Task<SipResponse?> SendInfoAsync(string contentType, ReadOnlyMemory<byte> body)
    {
        SipClientTransaction transaction;
        await gate.WaitAsync();
        try
        {
            if (State != SipCallState.Established || Dialog is null || body.Length > MaxInfoBodyBytes || await ResolveAsync(Dialog.NextHop) is not { } target)
            {
                return null;
            }

            var request = Dialog.CreateRequest(SipMethods.Info);
            if (!body.IsEmpty)
            {
                request.Headers.Set(SipHeaderNames.ContentType, contentType);
                request.Body = body;
            }

            transaction = agent.Layer.SendRequest(request, target.EndPoint, target.Protocol);
        }
        finally
        {
            gate.Release();
        }

        return await transaction.FinalResponseAsync();
    }

    /// <summary>
    /// The peer's INFO: 200 and a <see cref="SipCallInfoReceived"/> event while the call lasts; 469 for an Info
    /// Package (RFC 6086 §4.2.2: we support none); 481 once the call is over.
    /// </summary>
    internal async Task OnInfoAsync(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        int status;
        await gate.WaitAsync();
        try
        {
            if (State == SipCallState.Terminated)
            {
                status = 481;
            }
            else if (request.Headers.CountOf(SipHeaderNames.InfoPackage) > 0)
            {
                status = 469;
            }
            else
            {
                status = 200;
                events.Writer.TryWrite(new SipCallInfoReceived(request.ContentType, request.Body));
            }
        }
        finally
        {
            gate.Release();
        }

        var response = SipResponseFactory.Create(request, status);
        if (status == 469)
        {
            // An empty Recv-Info: no Info Package is accepted here.
            response.Headers.Add("Recv-Info", "");
        }

        await transaction.SendResponseAsync(response);
    }
}
