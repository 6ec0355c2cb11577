using Microsoft.AspNetCore.Http;

namespace Voice.Api.Http;

/// <summary>Results in the API's JSON conventions, including the one error shape.</summary>
public static class ApiResults
{
    public static IResult Json<T>(T body, int status = StatusCodes.Status200OK) =>
        Results.Json(body, ApiJson.Options, statusCode: status);

    public static IResult Error(int status, string code, string message, string? field = null) =>
        Results.Json(new ApiError(new ApiErrorDetail(code, message, field)), ApiJson.Options, statusCode: status);

    public static IResult Invalid(string field, string message) =>
        Error(StatusCodes.Status400BadRequest, "invalid_parameter", message, field);

    public static IResult Missing(string field) =>
        Error(StatusCodes.Status400BadRequest, "missing_parameter", $"'{field}' is required", field);

    public static IResult NotFound(string what) =>
        Error(StatusCodes.Status404NotFound, "not_found", $"{what} not found");

    public static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, "unauthorized", "a valid X-API-Key header is required");

    /// <summary>403: the key is valid but lacks the scope the operation needs; the message names the scope.</summary>
    public static IResult MissingScope(string scope) =>
        Error(StatusCodes.Status403Forbidden, "forbidden", $"this API key lacks the '{scope}' scope this operation needs");

    public static IResult Conflict(string code, string message, string? field = null) =>
        Error(StatusCodes.Status409Conflict, code, message, field);

    /// <summary>503 <c>no_media_node</c> with <c>Retry-After</c>: every media node is full, draining or lost; nothing was created.</summary>
    public static IResult NoMediaNode(TimeSpan retryAfter) => new RetryAfterResult(
        Error(StatusCodes.Status503ServiceUnavailable, "no_media_node", NoMediaNodeMessage(retryAfter)), retryAfter);

    /// <summary>The one wording every dialect uses for <see cref="NoMediaNode"/>.</summary>
    public static string NoMediaNodeMessage(TimeSpan retryAfter) =>
        $"no media node has room for a new call (all are at capacity, draining or lost); nothing was created, retry after {(int)Math.Ceiling(retryAfter.TotalSeconds)} s";

    /// <summary>The error for a bare status code (unknown route, wrong method, …).</summary>
    public static IResult ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => Error(status, "not_found", "no such resource"),
        StatusCodes.Status405MethodNotAllowed => Error(status, "method_not_allowed", "method not allowed on this resource"),
        StatusCodes.Status401Unauthorized => Unauthorized(),
        >= 500 => Error(status, "internal_error", "the server failed to handle the request"),
        _ => Error(status, "request_failed", $"request failed with status {status}"),
    };
}
