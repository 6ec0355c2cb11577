namespace Voice.Sip.Messages;

/// <summary>A SIP response: status code (100–699) and reason phrase plus headers and body.</summary>
public sealed class SipResponse : SipMessage
{
    /// <summary>Creates a response; an empty reason phrase is allowed.</summary>
    public SipResponse(int statusCode, string reasonPhrase)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>Status code.</summary>
    public int StatusCode { get; }

    /// <summary>Reason phrase (free text).</summary>
    public string ReasonPhrase { get; }

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <inheritdoc/>
    public override string StartLine => $"SIP/2.0 {StatusCode} {ReasonPhrase}";
}
