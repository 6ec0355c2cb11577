namespace Voice.Api.Http;

/// <summary>
/// A request field at fault, before a dialect shapes it into its error body: <see cref="Field"/> names it the
/// Telefon way (<c>telnyx.webhook_timeout_secs</c>, <c>sip_uris[1]</c>), <see cref="JsonPointer"/> as a JSON pointer
/// (<c>/telnyx/webhook_timeout_secs</c>, <c>/sip_uris/1</c>, RFC 6901). <see cref="Missing"/>: a required field is
/// absent; else it has the wrong type, format or range, as <see cref="Message"/> says.
/// </summary>
public sealed record FieldError(string Field, string JsonPointer, bool Missing, string Message)
{
    /// <summary>Telefon's (and the admin API's) error for it: 400 <c>missing_parameter</c> / <c>invalid_parameter</c>.</summary>
    public static FieldErrorShape Telefon { get; } = error => error.Missing ? ApiResults.Missing(error.Field) : ApiResults.Invalid(error.Field, error.Message);
}
