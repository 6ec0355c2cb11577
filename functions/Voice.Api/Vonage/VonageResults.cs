using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Voice.Api.Http;

namespace Voice.Api.Vonage;

/// <summary>
/// Responses on Vonage's wire (compat-notes §0.10, §B.5): success bodies as exactly <c>application/json</c> (the SDK
/// decodes nothing else), errors as RFC 7807 <c>application/problem+json</c> with <c>type</c>, <c>title</c>,
/// <c>detail</c>, <c>instance</c> (the request's trace id) and, for a 400, <c>invalid_parameters</c> naming the field.
/// </summary>
public static class VonageResults
{
    private const string ErrorsPage = "https://developer.nexmo.com/api-errors";

    /// <summary>Field errors of <see cref="BodyFields"/> as Vonage's 400 with the field in <c>invalid_parameters</c>.</summary>
    public static FieldErrorShape FieldErrors { get; } = error =>
        InvalidParameters(error.Field, error.Missing ? $"'{error.Field}' is required" : error.Message);

    public static IResult Json<T>(T body, int status = StatusCodes.Status200OK) =>
        Results.Json(body, ApiJson.Options, contentType: "application/json", statusCode: status);

    public static IResult Problem(int status, string type, string title, string detail, JsonArray? invalidParameters = null) =>
        new ProblemResult(status, type, title, detail, invalidParameters);

    /// <summary>400 with one invalid parameter.</summary>
    public static IResult InvalidParameters(string name, string reason) =>
        Problem(StatusCodes.Status400BadRequest, "#validation", "Bad Request", "The request failed due to validation errors",
            [new JsonObject { ["name"] = name, ["reason"] = reason }]);

    public static IResult Unauthorized(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "#unauthorized", "Invalid credentials supplied", detail);

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "#forbidden", "Forbidden", detail);

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "#not-found", "Not Found", detail);

    /// <summary>A request the call's state refuses (the call has ended, nothing is playing).</summary>
    public static IResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "#conflict", "Conflict", detail);

    /// <summary>422: a feature Vonage has and this server does not; the detail names it.</summary>
    public static IResult Unsupported(string feature) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "#unsupported", "Unsupported feature",
            $"{feature} is not supported by this server; see docs/dialects/vonage.md");

    /// <summary>503 with <c>Retry-After</c>: no media node has room; nothing was created.</summary>
    public static IResult NoMediaNode(TimeSpan retryAfter) => new RetryAfterResult(
        Problem(StatusCodes.Status503ServiceUnavailable, "#service-unavailable", "Service Unavailable", ApiResults.NoMediaNodeMessage(retryAfter)),
        retryAfter);

    public static IResult ServerError() =>
        Problem(StatusCodes.Status500InternalServerError, "#internal", "Internal Server Error", "The request could not be completed; it has been logged");

    public static IResult BodyError(BodyProblem problem, string detail) => problem switch
    {
        BodyProblem.Malformed => Problem(StatusCodes.Status400BadRequest, "#validation", "Bad Request", "The request body is not valid JSON: " + detail),
        BodyProblem.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "#validation", "Payload Too Large", detail),
        _ => Problem(StatusCodes.Status415UnsupportedMediaType, "#validation", "Unsupported Media Type", detail),
    };

    private sealed class ProblemResult(int status, string type, string title, string detail, JsonArray? invalidParameters) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var body = new JsonObject
            {
                ["type"] = ErrorsPage + type,
                ["title"] = title,
                ["detail"] = detail,
                ["instance"] = httpContext.TraceIdentifier,
            };
            if (invalidParameters is not null)
            {
                body["invalid_parameters"] = invalidParameters;
            }

            return Results.Text(body.ToJsonString(), "application/problem+json", System.Text.Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }
}
