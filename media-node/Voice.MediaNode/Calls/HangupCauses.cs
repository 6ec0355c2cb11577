namespace Voice.MediaNode.Calls;

/// <summary>
/// The hangup causes of the media contract, and the SIP status for each reject reason.
/// </summary>
public static class HangupCauses
{
    public const string Normal = "normal";
    public const string Busy = "busy";
    public const string NoAnswer = "no_answer";
    public const string Rejected = "rejected";
    public const string NotFound = "not_found";
    public const string Canceled = "canceled";
    public const string Failed = "failed";

    /// <summary>No RTP or RTCP from the far end of an answered, unheld call for the inactivity timeout: we sent BYE.</summary>
    public const string MediaTimeout = "media_timeout";

    /// <summary>The far end did not refresh the SIP session (RFC 4028) before it expired: we sent BYE.</summary>
    public const string SessionTimeout = "session_timeout";

    /// <summary>
    /// The SIP status that rejects an inbound call for a reject command's reason: busy→486, rejected→603,
    /// unavailable→480, not_found→404 (a number nobody routes). False for any other reason.
    /// </summary>
    public static bool TryGetRejectStatus(string reason, out int statusCode)
    {
        statusCode = reason switch
        {
            "busy" => 486,
            "rejected" => 603,
            "unavailable" => 480,
            "not_found" => 404,
            _ => 0,
        };
        return statusCode != 0;
    }
}
