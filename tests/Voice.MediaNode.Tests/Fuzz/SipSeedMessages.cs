using System.Text;

namespace Voice.MediaNode.Tests.Fuzz;

/// <summary>
/// Well-formed SIP requests the fuzzer starts from, addressed from a fuzz socket on 127.0.0.1 to the node. Every
/// message gets its own Call-ID, tag and branch, so the node's answers can be matched to the datagram that caused
/// them. Via carries rport and Contact names the fuzz socket, so nothing the node sends leaves loopback.
/// </summary>
internal sealed class SipSeedMessages(int nodePort, int fuzzPort, int rtpSinkPort)
{
    public static readonly string[] Methods = ["INVITE", "OPTIONS", "BYE", "ACK", "CANCEL", "REGISTER"];

    /// <summary>A valid offer whose media address and port are the fuzz test's own RTP sink.</summary>
    public string Sdp => $"""
        v=0
        o=fuzz 1 1 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio {rtpSinkPort} RTP/AVP 0 8 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=sendrecv

        """.ReplaceLineEndings("\r\n");

    public int RtpSinkPort => rtpSinkPort;

    /// <summary>
    /// A request inside the dialog the seed INVITE <paramref name="callId"/> created once the node answered with
    /// <paramref name="toTag"/> (ACK, re-INVITE with <paramref name="body"/>, BYE...), with its own branch.
    /// </summary>
    public string InDialog(string method, string callId, string toTag, int cseq, string branch, string body = "")
    {
        var request = Request(method, callId, body.Length > 0 ? body : method == "INVITE" ? Sdp : "")
            .Replace("To: <sip:fuzz@127.0.0.1>;tag=unknown", "To: <sip:fuzz@127.0.0.1>", StringComparison.Ordinal)
            .Replace("To: <sip:fuzz@127.0.0.1>", $"To: <sip:fuzz@127.0.0.1>;tag={toTag}", StringComparison.Ordinal)
            .Replace($"CSeq: 1 {method}", $"CSeq: {cseq} {method}", StringComparison.Ordinal);
        return request.Replace($"branch=z9hG4bK{callId}", $"branch=z9hG4bK{branch}", StringComparison.Ordinal);
    }

    /// <summary>A request of <paramref name="method"/>; INVITE carries <paramref name="body"/> (the valid offer when null).</summary>
    public string Request(string method, string callId, string? body = null, IEnumerable<string>? extraHeaders = null)
    {
        var user = method == "REGISTER" ? "" : "fuzz@";
        var headers = new StringBuilder()
            .Append($"{method} sip:{user}127.0.0.1:{nodePort} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/UDP 127.0.0.1:{fuzzPort};branch=z9hG4bK{callId};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"From: <sip:fuzzer@127.0.0.1>;tag=t{callId}\r\n")
            .Append($"To: <sip:fuzz@127.0.0.1>{(method is "BYE" ? ";tag=unknown" : "")}\r\n")
            .Append($"Call-ID: {callId}\r\n")
            .Append($"CSeq: 1 {method}\r\n")
            .Append($"Contact: <sip:fuzzer@127.0.0.1:{fuzzPort}>\r\n");
        if (method == "REGISTER")
        {
            headers.Append("Expires: 60\r\n");
        }

        foreach (var extra in extraHeaders ?? [])
        {
            headers.Append(extra).Append("\r\n");
        }

        body ??= method == "INVITE" ? Sdp : "";
        if (body.Length > 0)
        {
            headers.Append("Content-Type: application/sdp\r\n");
        }

        headers.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n").Append(body);
        return headers.ToString();
    }
}
