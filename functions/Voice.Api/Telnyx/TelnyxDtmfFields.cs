using Voice.Api.Http;

namespace Voice.Api.Telnyx;

/// <summary>The DTMF fields of Telnyx's send_dtmf (a call's and a conference's): <c>digits</c> and <c>duration_millis</c>.</summary>
public static class TelnyxDtmfFields
{
    private const string Allowed = "0123456789ABCDabcd*#wW";

    /// <summary>
    /// The digits to send as tones (upper case) and each tone's duration; null tones with the error recorded. Pauses
    /// (w = 0.5 s, W = 1 s) are not sent as tones: the node paces digits itself.
    /// </summary>
    public static (string? Tones, int DurationMs) Read(BodyFields f)
    {
        var digits = f.Text("digits", required: true, maxLength: 64);
        f.Require(digits is null || digits.All(c => Allowed.Contains(c, StringComparison.Ordinal)), "digits", "'digits' may only hold 0-9, A-D, *, # and the pauses w and W");
        var duration = f.WholeNumber("duration_millis", 100, 500) ?? 250;
        var tones = digits is null ? "" : new string([.. digits.Where(c => c is not ('w' or 'W')).Select(char.ToUpperInvariant)]);
        f.Require(digits is null || tones.Length > 0, "digits", "'digits' must hold at least one digit");
        return (f.Error is null ? tones : null, duration);
    }
}
