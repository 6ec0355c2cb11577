using System.Text;
using Voice.Sip.Messages;

namespace Voice.Sip.Transactions;

/// <summary>
/// Transaction matching keys. RFC 3261 §17.2.3: branch (with magic cookie) + sent-by + method, ACK mapped to INVITE.
/// Without the cookie, the RFC 2543 rule: Request-URI, From tag, Call-ID, CSeq number, method and top Via.
/// Client side (§17.1.3): top Via branch + CSeq method.
/// </summary>
public static class SipTransactionKeys
{
    /// <summary>
    /// The server transaction key of <paramref name="request"/>, or null if its top Via or CSeq is unusable.
    /// <paramref name="asMethod"/> computes the key of another method's transaction (a CANCEL looks up its INVITE).
    /// </summary>
    public static string? ForServer(SipRequest request, string? asMethod = null)
    {
        var via = request.TopVia;
        var cseq = request.CSeq;
        if (via is null || cseq is null)
        {
            return null;
        }

        var method = asMethod ?? (request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method);
        var sentBy = via.Port is { } port ? $"{via.Host}:{port}" : via.Host;
        if (via.HasRfc3261Branch)
        {
            return $"s|{via.Branch}|{sentBy.ToLowerInvariant()}|{method}";
        }

        // RFC 2543: the To tag is left out so the ACK (which carries our tag) matches the INVITE (which did not).
        var builder = new StringBuilder("s2543|")
            .Append(request.RequestUri).Append('|')
            .Append(request.From?.Tag).Append('|')
            .Append(request.CallId).Append('|')
            .Append(cseq.Value.Number).Append('|')
            .Append(method).Append('|')
            .Append(sentBy.ToLowerInvariant()).Append('|')
            .Append(via.Branch);
        return builder.ToString();
    }

    /// <summary>The client transaction key from a branch and the CSeq method.</summary>
    public static string ForClient(string branch, string method) => $"c|{branch}|{method}";

    /// <summary>The client transaction key of a response, or null if it lacks a branch or CSeq.</summary>
    public static string? ForClient(SipResponse response) =>
        response.TopVia?.Branch is { } branch && response.CSeq is { } cseq ? ForClient(branch, cseq.Method) : null;
}
