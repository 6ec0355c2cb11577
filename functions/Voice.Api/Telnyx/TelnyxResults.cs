using Microsoft.AspNetCore.Http;
using Voice.Api.Http;

namespace Voice.Api.Telnyx;

/// <summary>
/// Responses on Telnyx's wire: a resource is <c>{"data":{…}}</c>, a list <c>{"data":[…],"meta":{…}}</c>
/// (<see cref="TelnyxList{T}"/>), an error <see cref="TelnyxErrorBody"/> with one of <see cref="TelnyxErrorCodes"/>.
/// JSON as the rest of the API writes it (snake_case, absent values omitted, <c>application/json</c> — the SDK parses
/// nothing else).
/// </summary>
public static class TelnyxResults
{
    /// <summary>The field errors of <see cref="BodyFields"/> in Telnyx's shape (422, the field's JSON pointer).</summary>
    public static FieldErrorShape FieldErrors { get; } = error => error.Missing
        ? MissingParameter(error.JsonPointer, error.Message)
        : InvalidParameter(error.JsonPointer, error.Message);

    public static IResult Data<T>(T data, int status = StatusCodes.Status200OK) =>
        Results.Json(new TelnyxData<T>(data), ApiJson.Options, statusCode: status);

    public static IResult List<T>(TelnyxList<T> list) => Results.Json(list, ApiJson.Options);

    public static IResult Error(int status, string code, string title, string detail, TelnyxErrorSource? source = null) =>
        Results.Json(new TelnyxErrorBody([new TelnyxError(code, title, detail, source)]), ApiJson.Options, statusCode: status);

    /// <summary>422 10004: the field at <paramref name="jsonPointer"/> (<c>/application_name</c>) is required.</summary>
    public static IResult MissingParameter(string jsonPointer, string detail) =>
        Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.MissingParameter, "Missing required parameter", detail, new TelnyxErrorSource(jsonPointer));

    /// <summary>422 10015: the field at <paramref name="jsonPointer"/> has the wrong type, format or range.</summary>
    public static IResult InvalidParameter(string jsonPointer, string detail) =>
        Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.BadRequest, "Invalid parameter", detail, new TelnyxErrorSource(jsonPointer));

    /// <summary>422 10016: the number at <paramref name="jsonPointer"/> is not <c>+E.164</c>.</summary>
    public static IResult NotE164(string jsonPointer) =>
        Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.NotE164, "Phone number must be in +E.164 format",
            $"'{jsonPointer.TrimStart('/')}' must be a phone number in +E.164 format (+ and 7 to 15 digits)", new TelnyxErrorSource(jsonPointer));

    /// <summary>400 10015: a query parameter (<c>page[size]</c>) is malformed or out of range.</summary>
    public static IResult InvalidQuery(string parameter, string detail) =>
        Error(StatusCodes.Status400BadRequest, TelnyxErrorCodes.BadRequest, "Bad Request", detail, new TelnyxErrorSource(Parameter: parameter));

    /// <summary>The error for a request body <see cref="JsonRequestBody"/> refused (400 10023 for malformed JSON).</summary>
    public static IResult BodyError(BodyProblem problem, string detail) => problem switch
    {
        BodyProblem.Malformed => Error(StatusCodes.Status400BadRequest, TelnyxErrorCodes.InvalidJson, "Invalid JSON", detail),
        BodyProblem.TooLarge => Error(StatusCodes.Status413PayloadTooLarge, TelnyxErrorCodes.BadRequest, "Request body too large", detail),
        _ => Error(StatusCodes.Status415UnsupportedMediaType, TelnyxErrorCodes.BadRequest, "Unsupported content type", detail),
    };

    /// <summary>404 10005: the account has no such resource (another account's is the same: never 403).</summary>
    public static IResult NotFound(string what) =>
        Error(StatusCodes.Status404NotFound, TelnyxErrorCodes.NotFound, "Resource not found", $"{what} not found");

    /// <summary>401 10009.</summary>
    public static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, TelnyxErrorCodes.AuthenticationFailed, "Authentication failed",
            "an 'Authorization: Bearer <API key>' header with a valid API key is required");

    /// <summary>403 10010: the key is valid but lacks <paramref name="scope"/>, which the detail names.</summary>
    public static IResult MissingScope(string scope) =>
        Error(StatusCodes.Status403Forbidden, TelnyxErrorCodes.Forbidden, "Forbidden",
            $"this API key lacks the '{scope}' scope this operation needs");

    /// <summary>422 90018: a command on a call leg that has already ended.</summary>
    public static IResult CallEnded(string callControlId) =>
        Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.CallEnded, "Call has already ended",
            $"call {callControlId} has already ended", new TelnyxErrorSource("/call_control_id"));

    /// <summary>
    /// 501 90501: a Telnyx operation this server does not implement. <c>x-should-retry: false</c> stops the SDK from
    /// retrying it (it retries every 5xx otherwise).
    /// </summary>
    public static IResult NotSupported(TelnyxOperation operation) => new NoRetryResult(Error(
        StatusCodes.Status501NotImplemented, TelnyxErrorCodes.NotSupported, "Operation not supported",
        $"{operation.Method} /v2{operation.Path} ({operation.OperationId}: {operation.Summary}) is not supported by this server; see docs/dialects/telnyx.md"));

    /// <summary>503 90503 with <c>Retry-After</c>: no media node has room; nothing was created.</summary>
    public static IResult NoMediaNode(TimeSpan retryAfter) => new RetryAfterResult(
        Error(StatusCodes.Status503ServiceUnavailable, TelnyxErrorCodes.NoMediaNode, "No media capacity", ApiResults.NoMediaNodeMessage(retryAfter)),
        retryAfter);

    /// <summary>The error for a bare status code (no such route, unexpected failure).</summary>
    public static IResult ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => Error(status, TelnyxErrorCodes.NotFound, "Resource not found", "no such resource or operation"),
        StatusCodes.Status401Unauthorized => Unauthorized(),
        StatusCodes.Status429TooManyRequests => Error(status, TelnyxErrorCodes.TooManyRequests, "Too many requests", "too many requests"),
        >= 500 => Error(status, TelnyxErrorCodes.Unexpected, "Unexpected error", "the server failed to handle the request"),
        _ => Error(status, TelnyxErrorCodes.BadRequest, "Bad Request", $"request failed with status {status}"),
    };

    private sealed class NoRetryResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["x-should-retry"] = "false";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
