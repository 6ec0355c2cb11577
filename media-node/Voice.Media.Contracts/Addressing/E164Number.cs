namespace Voice.Media.Contracts.Addressing;

/// <summary>
/// The one E.164 check of the product (API fields, call-flow documents, inbound routing, the media-node's dial
/// targets): canonical form <c>+</c>, a non-zero first digit, 7 to 15 ASCII digits in all. It lives with the queue
/// contracts because a dial command's <c>to</c> crosses the queue and both sides must agree on what it is.
/// </summary>
public sealed record E164Number
{
    private const int MinDigits = 7;
    private const int MaxDigits = 15;

    private E164Number(string value)
    {
        Value = value;
    }

    /// <summary>The canonical form, e.g. <c>+14155550123</c>.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="text"/> is already in canonical form (what the REST API demands).</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Strict: only the canonical form is accepted.</summary>
    public static bool TryParse(string? text, out E164Number number)
    {
        number = null!;
        if (text is null || text.Length < 1 + MinDigits || text[0] != '+' || !IsDigits(text.AsSpan(1)) || text[1] == '0')
        {
            return false;
        }

        number = new E164Number(text);
        return true;
    }

    /// <summary>
    /// Lenient, for documents whose dialect writes numbers without the <c>+</c> (Vonage NCCO: <c>447700900000</c>):
    /// an optional <c>+</c> and the same digits. Returns the canonical number or null.
    /// </summary>
    public static E164Number? FromDigits(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return TryParse(text.StartsWith('+') ? text : "+" + text, out var number) ? number : null;
    }

    /// <summary>
    /// The number a SIP request was sent to: the user part of <c>sip:</c>/<c>sips:</c>/<c>tel:</c> URIs (parameters
    /// dropped) or a bare number, each with an optional <c>+</c>. Null when it holds no E.164 number.
    /// </summary>
    public static E164Number? FromDialledAddress(string? address)
    {
        if (address is null)
        {
            return null;
        }

        var value = address.Trim();
        var colon = value.IndexOf(':');
        if (colon > 0 && (value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)))
        {
            value = value[(colon + 1)..];
            var at = value.IndexOf('@');
            value = at >= 0 ? value[..at] : value;
            var semicolon = value.IndexOf(';');
            value = semicolon >= 0 ? value[..semicolon] : value;
        }

        return FromDigits(value);
    }

    public override string ToString() => Value;

    private static bool IsDigits(ReadOnlySpan<char> digits)
    {
        if (digits.Length is < MinDigits or > MaxDigits)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
