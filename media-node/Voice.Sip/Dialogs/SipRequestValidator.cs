using System.Security.Cryptography;
using Voice.Sip.Auth;
using Voice.Sip.Messages;

namespace Voice.Sip.Dialogs;

/// <summary>
/// The UAS-core checks of RFC 3261 §8.2 applied to a syntactically valid request, in order: mandatory headers and
/// single-valued headers (400), credentials in an unknown scheme (401 with a Digest challenge), Request-URI scheme
/// (416), method (405), Require (420 with Unsupported), Content-Type (415 with Accept), and for INVITE an Accept
/// header that excludes SDP (406). Returns the response to send, or null when the request may be processed.
/// </summary>
public sealed class SipRequestValidator(SipUasPolicy policy)
{
    private static readonly string[] Mandatory =
        [SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq];

    private static readonly string[] SingleValued =
        [SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq, SipHeaderNames.MaxForwards, SipHeaderNames.ContentLength, SipHeaderNames.ContentType];

    /// <summary>The rejection for <paramref name="request"/>, or null if it passes. ACK is never rejected (no response is allowed).</summary>
    public SipResponse? Validate(SipRequest request)
    {
        if (request.Method == SipMethods.Ack)
        {
            return null;
        }

        foreach (var name in Mandatory)
        {
            if (request.Headers.CountOf(name) == 0)
            {
                return SipResponseFactory.Create(request, 400, $"Missing {name} header");
            }
        }

        foreach (var name in SingleValued)
        {
            if (request.Headers.CountOf(name) > 1)
            {
                return SipResponseFactory.Create(request, 400, $"Multiple {name} headers");
            }
        }

        if (HasUnknownCredentials(request))
        {
            var challenge = SipResponseFactory.Create(request, 401);
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, new DigestChallenge { Realm = policy.Realm, Nonce = nonce, Qop = ["auth"] }.ToString());
            return challenge;
        }

        if (!Contains(policy.UriSchemes, request.RequestUri.Scheme))
        {
            return SipResponseFactory.Create(request, 416);
        }

        if (!policy.AllowedMethods.Contains(request.Method))
        {
            var notAllowed = SipResponseFactory.Create(request, 405);
            notAllowed.Headers.Add(SipHeaderNames.Allow, string.Join(", ", policy.AllowedMethods));
            return notAllowed;
        }

        var unsupported = request.Headers.GetValues(SipHeaderNames.Require).Where(o => o.Length > 0 && !Contains(policy.SupportedExtensions, o)).ToList();
        if (unsupported.Count > 0 && request.Method != SipMethods.Cancel)
        {
            var badExtension = SipResponseFactory.Create(request, 420);
            badExtension.Headers.Add(SipHeaderNames.Unsupported, string.Join(", ", unsupported));
            return badExtension;
        }

        if (!request.Body.IsEmpty && (request.ContentType is not { } type
            || (!Contains(policy.AcceptedContentTypes, MediaType(type)) && !policy.OpaqueBodyMethods.Contains(request.Method))))
        {
            var unsupportedType = SipResponseFactory.Create(request, 415);
            unsupportedType.Headers.Add(SipHeaderNames.Accept, string.Join(", ", policy.AcceptedContentTypes));
            return unsupportedType;
        }

        if (request.Method == SipMethods.Invite && request.Headers.CountOf(SipHeaderNames.Accept) > 0 && !AcceptsSdp(request))
        {
            var notAcceptable = SipResponseFactory.Create(request, 406);
            notAcceptable.Headers.Add(SipHeaderNames.Accept, string.Join(", ", policy.AcceptedContentTypes));
            return notAcceptable;
        }

        return null;
    }

    private static bool HasUnknownCredentials(SipRequest request)
    {
        foreach (var name in (string[])[SipHeaderNames.Authorization, SipHeaderNames.ProxyAuthorization])
        {
            var value = request.Headers.Get(name);
            if (value is not null && (!DigestParameters.TryParse(value, out var scheme, out _) || !scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AcceptsSdp(SipRequest request)
    {
        foreach (var value in request.Headers.GetValues(SipHeaderNames.Accept))
        {
            var type = MediaType(value);
            if (type is "application/sdp" or "application/*" or "*/*")
            {
                return true;
            }
        }

        return false;
    }

    // "application/SDP ; charset=x" -> "application/sdp"
    private static string MediaType(string value)
    {
        var semi = value.IndexOf(';');
        return SipCharacters.TrimWhitespace(semi < 0 ? value : value.AsSpan(0, semi)).ToString().Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    private static bool Contains(IReadOnlyList<string> list, string value) =>
        list.Any(v => v.Equals(value, StringComparison.OrdinalIgnoreCase));
}
