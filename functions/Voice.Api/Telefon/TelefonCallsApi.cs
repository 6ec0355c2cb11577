using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Addressing;
using Voice.Core.Calls;
using Voice.Engine.Calls;
using Voice.Media.Contracts.Addressing;
using Voice.Storage;

namespace Voice.Api.Telefon;

/// <summary>
/// Telefon Voice API v1 calls (<c>/v1/voice/calls</c>). Each handler is a static method both hosts call:
/// DevHost maps it as a route, the Functions app calls it from an HTTP trigger.
/// </summary>
public static class TelefonCallsApi
{
    public const string Route = "v1/voice/calls";

    private static readonly string[] Directions = ["inbound", "outbound"];

    public static IEndpointRouteBuilder MapTelefonCallsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListCalls);
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)CreateCall);
        app.MapGet(Route + "/{callId}", (Func<HttpContext, string, Task<IResult>>)GetCall);
        app.MapDelete(Route + "/{callId}", (Func<HttpContext, string, Task<IResult>>)EndCall);
        app.MapGet(Route + "/{callId}/transcript", (Func<HttpContext, string, Task<IResult>>)GetTranscript);
        return app;
    }

    public static Task<IResult> ListCalls(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        var query = new QueryParameters(http.Request.Query);
        var status = query.OneOf("status", CallStatusNames.All);
        var direction = query.OneOf("direction", Directions);
        var page = query.Page();
        var pageSize = query.PageSize();
        if (query.Error is { } error)
        {
            return error;
        }

        CallStatus? statusFilter = CallStatusNames.TryParse(status, out var s) ? s : null;
        CallDirection? directionFilter = direction is null ? null : direction == "inbound" ? CallDirection.Inbound : CallDirection.Outbound;
        var result = await Service(http).ListAsync(caller.AccountId, statusFilter, directionFilter, page, pageSize, http.RequestAborted);
        return ApiResults.Json(new TelefonCallList(result.Items.Select(TelefonCall.Of).ToList(), result.Total));
    });

    public static Task<IResult> CreateCall(HttpContext http) => ApiPipeline.RunAsync(http, ApiScopes.CallsWrite, async caller =>
    {
        var (body, bodyError) = await JsonRequestBody.ReadAsync(http.Request, optional: false, http.RequestAborted);
        if (bodyError is not null)
        {
            return bodyError;
        }

        using var document = body!;
        var fields = new BodyFields(document.RootElement);
        var to = fields.Text("to", required: true, maxLength: 256);
        fields.Require(to is null || E164Number.IsValid(to) || DialableSipUri.IsValid(to), "to", "'to' must be an E.164 number (+ and 7 to 15 digits) or a sip: URI");
        var from = fields.Text("from", required: true, maxLength: 16);
        fields.Require(from is null || E164Number.IsValid(from), "from", "'from' must be an E.164 number (+ and 7 to 15 digits)");
        var url = fields.Text("url");
        fields.Require(url is null || HttpUrl.IsAbsolute(url), "url", "'url' must be an absolute http or https URL");
        var statusCallback = fields.Text("status_callback");
        fields.Require(statusCallback is null || HttpUrl.IsAbsolute(statusCallback), "status_callback", "'status_callback' must be an absolute http or https URL");
        var timeout = fields.WholeNumber("timeout", 1, 600) ?? 30;
        var record = fields.Flag("record") ?? false;
        if (fields.Error is { } error)
        {
            return error;
        }

        var result = await Service(http).PlaceOutboundAsync(
            caller.AccountId, new PlaceCallRequest(to!, from!, url, statusCallback, timeout, record), http.RequestAborted);
        if (result.Refusal is PlaceCallRefusal.NoMediaNode)
        {
            return ApiResults.NoMediaNode(result.RetryAfter);
        }

        if (result.Call is not { } call)
        {
            return ApiResults.Error(
                StatusCodes.Status422UnprocessableEntity, "number_not_owned", $"'{from}' is not a phone number of this account", "from");
        }

        return new LocatedResult(ApiResults.Json(TelefonCall.Of(call), StatusCodes.Status201Created), $"/{Route}/{call.Id}");
    });

    public static Task<IResult> GetCall(HttpContext http, string callId) => ApiPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
        await Service(http).GetAsync(caller.AccountId, callId, http.RequestAborted) is { } call
            ? ApiResults.Json(TelefonCall.Of(call))
            : ApiResults.NotFound("call"));

    public static Task<IResult> EndCall(HttpContext http, string callId) => ApiPipeline.RunAsync(http, ApiScopes.CallsWrite, async caller =>
        await Service(http).RequestEndAsync(caller.AccountId, callId, http.RequestAborted)
            ? Results.NoContent()
            : ApiResults.NotFound("call"));

    /// <summary>The call's transcript: every final utterance of its transcriptions, in spoken order.</summary>
    public static Task<IResult> GetTranscript(HttpContext http, string callId) => ApiPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
    {
        if (await Service(http).GetAsync(caller.AccountId, callId, http.RequestAborted) is null)
        {
            return ApiResults.NotFound("call");
        }

        var segments = await http.RequestServices.GetRequiredService<TranscriptRepository>().ListAsync(caller.AccountId, callId, cancellationToken: http.RequestAborted);
        return ApiResults.Json(TelefonTranscript.Of(callId, segments));
    });

    private static CallService Service(HttpContext http) => http.RequestServices.GetRequiredService<CallService>();
}
