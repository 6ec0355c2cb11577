namespace Voice.Sip.Messages;

/// <summary>A SIP request: method and Request-URI plus headers and body.</summary>
public sealed class SipRequest : SipMessage
{
    /// <summary>Creates a request; <paramref name="method"/> must be a token (upper case by convention).</summary>
    public SipRequest(string method, SipUri requestUri)
    {
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>The method, case-sensitive as RFC 3261 requires.</summary>
    public string Method { get; }

    /// <summary>The Request-URI.</summary>
    public SipUri RequestUri { get; set; }

    /// <inheritdoc/>
    public override string StartLine => $"{Method} {RequestUri} SIP/2.0";
}
