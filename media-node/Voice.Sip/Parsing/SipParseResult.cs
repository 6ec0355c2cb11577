using Voice.Sip.Messages;

namespace Voice.Sip.Parsing;

/// <summary>
/// Outcome of parsing one message. Valid: <see cref="Message"/> is set. Invalid: <see cref="Error"/> says why, and
/// for a request whose Via, From, To, Call-ID and CSeq were present <see cref="CanReject"/> is true and
/// <see cref="CreateRejection"/> builds the response to send (400, or 505 for an unknown SIP version).
/// </summary>
public sealed class SipParseResult
{
    private readonly SipHeaderCollection? rejectHeaders;

    private SipParseResult(SipMessage? message, string? error, int rejectStatusCode, SipHeaderCollection? rejectHeaders, int consumed)
    {
        Message = message;
        Error = error;
        RejectStatusCode = rejectStatusCode;
        this.rejectHeaders = rejectHeaders;
        BytesConsumed = consumed;
    }

    /// <summary>True when the message is syntactically valid.</summary>
    public bool IsValid => Message is not null;

    /// <summary>The parsed message (null when invalid).</summary>
    public SipMessage? Message { get; }

    /// <summary>What was wrong; also used as the reason phrase of the rejection.</summary>
    public string? Error { get; }

    /// <summary>Status code for the rejection (400 or 505); 0 when valid or when no response can be sent.</summary>
    public int RejectStatusCode { get; }

    /// <summary>True when the input was an invalid request that can still be answered.</summary>
    public bool CanReject => rejectHeaders is not null && RejectStatusCode != 0;

    /// <summary>How many input bytes the message occupied (extra datagram octets after the body are not counted).</summary>
    public int BytesConsumed { get; }

    /// <summary>
    /// The rejection response for an invalid request, or null when none can be built. Via values that do not parse
    /// are cut back to their sent-protocol and sent-by so the response itself is well-formed.
    /// </summary>
    public SipResponse? CreateRejection()
    {
        if (!CanReject)
        {
            return null;
        }

        var response = SipResponseFactory.Create(rejectHeaders!, RejectStatusCode, Error);
        var vias = response.Headers.GetValues(SipHeaderNames.Via);
        response.Headers.Remove(SipHeaderNames.Via);
        for (var i = vias.Count - 1; i >= 0; i--)
        {
            var via = vias[i];
            var semi = via.IndexOf(';');
            if (!SipVia.TryParse(via, out _) && semi > 0 && SipVia.TryParse(via.AsSpan(0, semi), out var bare))
            {
                via = bare.ToString();
            }

            if (SipVia.TryParse(via, out _))
            {
                response.Headers.Prepend(SipHeaderNames.Via, via);
            }
        }

        return response;
    }

    internal static SipParseResult Valid(SipMessage message, int consumed) => new(message, null, 0, null, consumed);

    internal static SipParseResult Invalid(string error) => new(null, error, 0, null, 0);

    internal static SipParseResult Rejectable(string error, int statusCode, SipHeaderCollection headers) =>
        new(null, error, statusCode, headers, 0);
}
