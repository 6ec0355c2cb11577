namespace Voice.Sip.Messages;

/// <summary>Builds responses to requests as RFC 3261 §8.2.6 describes.</summary>
public static class SipResponseFactory
{
    /// <summary>
    /// A response that copies Via (all, in order), From, To, Call-ID and CSeq from <paramref name="request"/>.
    /// Values are copied as received, so this works for requests whose other headers were malformed. When
    /// <paramref name="toTag"/> is given and To carries no tag yet, the tag is added (a UAS's dialog tag).
    /// </summary>
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null) =>
        Create(request.Headers, statusCode, reasonPhrase, toTag);

    /// <summary>As <see cref="Create(SipRequest, int, string?, string?)"/>, from the headers of a request that did not fully parse.</summary>
    public static SipResponse Create(SipHeaderCollection requestHeaders, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        var response = new SipResponse(statusCode, reasonPhrase ?? SipReasonPhrases.For(statusCode));
        requestHeaders.CopyTo(response.Headers, SipHeaderNames.Via);
        requestHeaders.CopyTo(response.Headers, SipHeaderNames.From);
        var to = requestHeaders.Get(SipHeaderNames.To);
        if (to is not null)
        {
            if (toTag is not null && statusCode > 100 && SipAddress.TryParse(to, out var toAddress) && toAddress.Tag is null)
            {
                to = toAddress.WithTag(toTag).ToString();
            }

            response.Headers.Add(SipHeaderNames.To, to);
        }

        requestHeaders.CopyTo(response.Headers, SipHeaderNames.CallId);
        requestHeaders.CopyTo(response.Headers, SipHeaderNames.CSeq);
        return response;
    }
}
