using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Api.Vonage.Auth;
using Voice.Core.Accounts;
using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Engine.Calls;
using Voice.Storage;

namespace Voice.Api.Vonage.Calls;

/// <summary>
/// Vonage Voice API v1 calls (<c>/v1/calls</c>, compat-notes §B.2): create, list (HAL, absolute links), read, and the
/// live-call operations (<see cref="VonageCallOperations"/>), all on the engine's command set. A call reports every
/// event to its <c>event_url</c> (or its application's) in Vonage's shape (<see cref="Webhooks.VonageWebhookFormat"/>).
/// </summary>
public static class VonageCallsApi
{
    public const string Route = "v1/calls";

    private static readonly string[] Methods = ["GET", "POST"];

    public static IEndpointRouteBuilder MapVonageCallsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)CreateCall);
        app.MapGet(Route, (Func<HttpContext, Task<IResult>>)ListCalls);
        app.MapGet(Route + "/{uuid}", (Func<HttpContext, string, Task<IResult>>)GetCall);
        app.MapPut(Route + "/{uuid}", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.Modify);
        app.MapPut(Route + "/{uuid}/talk", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.StartTalk);
        app.MapDelete(Route + "/{uuid}/talk", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.StopTalk);
        app.MapPut(Route + "/{uuid}/stream", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.StartStream);
        app.MapDelete(Route + "/{uuid}/stream", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.StopStream);
        app.MapPut(Route + "/{uuid}/dtmf", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.SendDtmf);
        app.MapPut(Route + "/{uuid}/input/dtmf", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.SubscribeDtmf);
        app.MapDelete(Route + "/{uuid}/input/dtmf", (Func<HttpContext, string, Task<IResult>>)VonageCallOperations.UnsubscribeDtmf);
        return app;
    }

    public static Task<IResult> CreateCall(HttpContext http) => VonagePipeline.RunWithBodyAsync(http, optional: false, async (caller, body) =>
    {
        var fields = new BodyFields(body, VonageResults.FieldErrors);
        var to = VonageEndpoints.ReadList(fields, "to", required: true);
        var randomFrom = fields.Flag("random_from_number") ?? false;
        var fromFields = fields.Nested("from");
        fields.Require(fromFields is not null || randomFrom, "from", "'from' is required (or 'random_from_number': true)");
        fields.Require(fromFields is null || !randomFrom, "random_from_number", "'random_from_number' cannot be used with 'from'");
        var fromEndpoint = fromFields is null ? null : VonageEndpoints.Read(fromFields, "from");
        var from = fromEndpoint?.Address;
        var answerUrl = VonageEndpoints.Url(fields, "answer_url");
        var answerMethod = fields.OneOf("answer_method", Methods) ?? "GET";
        var eventUrl = VonageEndpoints.Url(fields, "event_url");
        var eventMethod = fields.OneOf("event_method", Methods);
        var fallbackUrl = VonageEndpoints.Url(fields, "fallback_answer_url");
        var lengthTimer = fields.WholeNumber("length_timer", 1, 7200);
        var ringingTimer = fields.WholeNumber("ringing_timer", 1, 120) ?? 60;
        var machineDetection = VonageMachineDetection.Read(fields);
        var flow = ReadNcco(fields, body);
        fields.Require(flow is not null || answerUrl is not null || fields.Error is not null, "ncco", "either 'ncco' or 'answer_url' is required");
        fields.Require(flow is null || answerUrl is null, "answer_url", "give either 'ncco' or 'answer_url', not both");
        if (fields.Error is { } error)
        {
            return error;
        }

        if ((to.Unsupported ?? fromEndpoint?.Unsupported ?? machineDetection.Unsupported) is { } unsupported)
        {
            return unsupported;
        }

        if (from is not null && !from.StartsWith('+'))
        {
            return VonageResults.InvalidParameters("from", "'from' must be a phone endpoint: the caller id is a number of this account");
        }

        from ??= await RandomFromNumberAsync(http, caller);
        if (from is null)
        {
            return VonageResults.InvalidParameters("random_from_number", "the account has no phone number to call from");
        }

        var application = caller.Application;
        var request = new PlaceCallRequest(to.Address!, from, answerUrl, eventUrl ?? application.EventUrl, ringingTimer, Record: false)
        {
            ApplicationId = application.Id,
            Dialect = ApplicationDialect.Vonage,
            Reporting = CallReporting.EveryEvent,
            StatusCallbackMethod = eventMethod ?? (eventUrl is null ? application.EventMethod : null),
            TimeLimitSeconds = lengthTimer,
            CallFlow = flow,
            AnswerMethod = answerMethod,
            FallbackUrl = fallbackUrl ?? application.FallbackUrl,
            AnswerCommands = AnswerCommands(machineDetection.Command, to.DtmfAnswer),
        };
        var result = await http.RequestServices.GetRequiredService<CallService>().PlaceOutboundAsync(caller.AccountId, request, http.RequestAborted);
        if (result.Refusal is PlaceCallRefusal.NoMediaNode)
        {
            return VonageResults.NoMediaNode(result.RetryAfter);
        }

        if (result.Call is not { } call)
        {
            return VonageResults.InvalidParameters("from", $"'from' {VonageNumbers.ToWire(from)} is not a phone number of this account");
        }

        return VonageResults.Json(
            new VonageCreatedCall(call.Id, "started", "outbound", VonageIds.ConversationOf(call)), StatusCodes.Status201Created);
    });

    public static Task<IResult> GetCall(HttpContext http, string uuid) => VonagePipeline.RunAsync(http, async caller =>
        await http.RequestServices.GetRequiredService<CallService>().GetAsync(caller.AccountId, uuid, http.RequestAborted) is { } call
            ? VonageResults.Json(VonageCallDetails.Of(call, BaseUrl(http)))
            : VonageResults.NotFound($"Call {uuid} was not found"));

    public static Task<IResult> ListCalls(HttpContext http) => VonagePipeline.RunAsync(http, caller =>
        VonageCallList.ReadAsync(http, caller));

    /// <summary>The origin the request came to, for the absolute links the SDK needs (compat-notes §0.9).</summary>
    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    /// <summary>
    /// An inline NCCO, parsed by the one call-flow parser in Vonage's dialect; an error names the action's field
    /// (<c>ncco/2/dtmf/maxDigits</c>).
    /// </summary>
    public static CallFlowDocument? ReadNcco(BodyFields fields, JsonElement body, string name = "ncco")
    {
        if (fields.Error is not null || !body.TryGetProperty(name, out var ncco) || ncco.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var parsed = CallFlowParser.Parse(ncco, ApplicationDialect.Vonage);
        fields.Require(parsed.IsSuccess, name + parsed.Error?.Path.TrimEnd('/'), $"{name}{parsed.Error?.Path}: {parsed.Error?.Message}");
        return parsed.Value;
    }

    /// <summary>On answer: machine detection first (it must hear the greeting), then the endpoint's dtmfAnswer digits.</summary>
    private static List<CallCommand> AnswerCommands(DetectMachine? detect, string? dtmfAnswer)
    {
        var commands = new List<CallCommand>();
        if (detect is not null)
        {
            commands.Add(detect);
        }

        if (dtmfAnswer is not null)
        {
            commands.Add(new SendDigits { CommandId = "create:dtmf_answer", Digits = dtmfAnswer });
        }

        return commands;
    }

    /// <summary>
    /// Vonage's random_from_number: a number of the account linked to the calling application, else any of its
    /// numbers (random among them, as Vonage picks).
    /// </summary>
    private static async Task<string?> RandomFromNumberAsync(HttpContext http, VonageCaller caller)
    {
        var numbers = await http.RequestServices.GetRequiredService<PhoneNumberRepository>().ListAsync(caller.AccountId, http.RequestAborted);
        var linked = numbers.Where(n => n.ApplicationId == caller.Application.Id).ToList();
        var pool = linked.Count > 0 ? linked : [.. numbers];
        return pool.Count == 0 ? null : pool[Random.Shared.Next(pool.Count)].Number;
    }
}

/// <summary>The 201 body of a created call.</summary>
public sealed record VonageCreatedCall(string Uuid, string Status, string Direction, string ConversationUuid);
