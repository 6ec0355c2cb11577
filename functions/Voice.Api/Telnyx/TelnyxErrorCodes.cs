namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx's error codes (compat-notes §A.1) and the status each goes with here. Telnyx documents the codes but not
/// always the status; where it is vague the status is our choice, picked so the official SDK raises the class a
/// Telnyx developer expects (422 → <c>UnprocessableEntityError</c> for a bad field, as the live API answers).
/// </summary>
public static class TelnyxErrorCodes
{
    /// <summary>422: a required field is absent.</summary>
    public const string MissingParameter = "10004";

    /// <summary>404: no such resource for this account, or no such route.</summary>
    public const string NotFound = "10005";

    /// <summary>422: an id that cannot be one (a malformed <c>call_control_id</c>).</summary>
    public const string InvalidId = "10006";

    /// <summary>500: an unexpected failure (logged; no internals in the response).</summary>
    public const string Unexpected = "10007";

    /// <summary>401: the Bearer API key is missing, unknown or revoked, or its account is disabled.</summary>
    public const string AuthenticationFailed = "10009";

    /// <summary>403: the key lacks the operation's scope (the detail names it).</summary>
    public const string Forbidden = "10010";

    /// <summary>429: too many requests.</summary>
    public const string TooManyRequests = "10011";

    /// <summary>400 for a malformed query or request, 422 for a field with the wrong type, format or range.</summary>
    public const string BadRequest = "10015";

    /// <summary>422: a phone number field that is not <c>+E.164</c>.</summary>
    public const string NotE164 = "10016";

    /// <summary>400: the body is not well-formed JSON, or not an object.</summary>
    public const string InvalidJson = "10023";

    /// <summary>422: a command on a call that has already ended (Telnyx's "Call has already ended").</summary>
    public const string CallEnded = "90018";

    /// <summary>
    /// 503 with <c>Retry-After</c>: no media node has room for a new call. Telnyx has no such code (its fleet is not
    /// the caller's concern); ours is named in docs/dialects/telnyx.md. The SDK retries a 503 after Retry-After.
    /// </summary>
    public const string NoMediaNode = "90503";

    /// <summary>
    /// 501: an operation of Telnyx's API this server does not implement. Telnyx has no such code (its API has every
    /// operation); ours sits with the Call Control codes and is named in docs/dialects/telnyx.md.
    /// </summary>
    public const string NotSupported = "90501";
}
