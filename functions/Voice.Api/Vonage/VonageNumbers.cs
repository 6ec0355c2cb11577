using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Vonage;

/// <summary>Vonage writes phone numbers as digits without <c>+</c> (<c>447700900000</c>); we store +E.164.</summary>
public static class VonageNumbers
{
    /// <summary>Our address as Vonage writes it: a number without <c>+</c>; a SIP URI unchanged.</summary>
    public static string ToWire(string address) => address.StartsWith('+') ? address[1..] : address;

    /// <summary>A Vonage number (digits, optionally with a leading <c>+</c>) as +E.164, or null when it is not one.</summary>
    public static string? FromWire(string number)
    {
        var e164 = number.StartsWith('+') ? number : "+" + number;
        return E164Number.IsValid(e164) ? e164 : null;
    }
}
