namespace Voice.MediaNode.Calls;

/// <summary>
/// The hangup causes of the media contract and their mapping to and from SIP status codes.
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

    /// <summary>The cause for a final non-2xx response to our INVITE (486→busy, 480/408→no_answer, …).</summary>
    public static string FromFinalResponse(int statusCode) => statusCode switch
    {
        486 or 600 => Busy,
        480 or 408 => NoAnswer,
        404 or 604 => NotFound,
        603 => Rejected,
        487 => Canceled,
        _ => Failed,
    };

    /// <summary>
    /// The SIP status that rejects an inbound call for a reject command's reason: busy→486, rejected→603,
    /// unavailable→480. False for any other reason.
    /// </summary>
    public static bool TryGetRejectStatus(string reason, out int statusCode)
    {
        statusCode = reason switch
        {
            "busy" => 486,
            "rejected" => 603,
            "unavailable" => 480,
            _ => 0,
        };
        return statusCode != 0;
    }
}
