using System.Globalization;

namespace Voice.Sip.Messages;

/// <summary>
/// The Session-Expires header (RFC 4028 §4; compact form <c>x</c>): the session interval in seconds and, when
/// given, which side refreshes. <c>Session-Expires: 1800;refresher=uac</c>.
/// </summary>
public sealed record SipSessionExpires(int Seconds, SipRefresher? Refresher)
{
    public const string HeaderName = "Session-Expires";

    /// <summary>The option tag of session timers (Supported/Require: timer).</summary>
    public const string OptionTag = "timer";

    /// <summary>
    /// Parses <c>delta-seconds *(SEMI se-params)</c>; false (never throws) for a missing or non-numeric interval, a
    /// refresher other than <c>uac</c>/<c>uas</c>, or malformed parameters. Other parameters are ignored.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipSessionExpires header)
    {
        header = null!;
        if (!SipDeltaSeconds.TryParse(text, out var seconds, out var parameters))
        {
            return false;
        }

        SipRefresher? refresher = null;
        if (parameters.Contains("refresher"))
        {
            var value = parameters.Get("refresher");
            if (string.Equals(value, "uac", StringComparison.OrdinalIgnoreCase))
            {
                refresher = SipRefresher.Uac;
            }
            else if (string.Equals(value, "uas", StringComparison.OrdinalIgnoreCase))
            {
                refresher = SipRefresher.Uas;
            }
            else
            {
                return false;
            }
        }

        header = new SipSessionExpires(seconds, refresher);
        return true;
    }

    public override string ToString() => Refresher switch
    {
        SipRefresher.Uac => $"{Seconds.ToString(CultureInfo.InvariantCulture)};refresher=uac",
        SipRefresher.Uas => $"{Seconds.ToString(CultureInfo.InvariantCulture)};refresher=uas",
        _ => Seconds.ToString(CultureInfo.InvariantCulture),
    };
}
