namespace Voice.Api.Http;

/// <summary>
/// The one error body of every 4xx/5xx response: <c>{"error":{"code","message","field"}}</c>; <c>field</c>
/// names the offending request field or query parameter and is omitted when no single field is at fault.
/// </summary>
public sealed record ApiError(ApiErrorDetail Error);

public sealed record ApiErrorDetail(string Code, string Message, string? Field = null);
