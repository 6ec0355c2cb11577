namespace Voice.Sip.Messages;

/// <summary>
/// The Subscription-State header of a NOTIFY (RFC 6665 §8.2.3): <c>active</c>, <c>pending</c> or <c>terminated</c>
/// (or an extension token), with the optional <c>reason</c> and <c>expires</c> parameters.
/// </summary>
public sealed record SipSubscriptionState(string State, string? Reason, long? Expires)
{
    /// <summary>True when the notifier ended the subscription: no NOTIFY follows.</summary>
    public bool IsTerminated => State.Equals("terminated", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses <c>substate-value *( SEMI subexp-params )</c>. False (never throws) for an empty or non-token state,
    /// malformed parameters, or an <c>expires</c> that is not a number below 2^32.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipSubscriptionState state)
    {
        state = null!;
        text = SipCharacters.TrimWhitespace(text);
        var semi = text.IndexOf(';');
        var value = SipCharacters.TrimWhitespace(semi < 0 ? text : text[..semi]);
        if (value.IsEmpty || !SipCharacters.IsToken(value) || !SipParameters.TryParseHeaderParameters(semi < 0 ? [] : text[semi..], out var parameters))
        {
            return false;
        }

        long? expires = null;
        if (parameters.Get("expires") is { } raw)
        {
            if (!SipCharacters.TryParseBounded(raw, uint.MaxValue, out var seconds))
            {
                return false;
            }

            expires = seconds;
        }

        state = new SipSubscriptionState(value.ToString().ToLowerInvariant(), parameters.Get("reason"), expires);
        return true;
    }
}
