using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>How a dialect turns a field error into its error response (<see cref="FieldError.Telefon"/>, Telnyx's …).</summary>
public delegate IResult FieldErrorShape(FieldError error);
