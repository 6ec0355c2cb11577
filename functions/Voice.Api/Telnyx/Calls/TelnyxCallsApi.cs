using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Core.Accounts;
using Voice.Core.Addressing;
using Voice.Core.Calls;
using Voice.Core.Commands;
using Voice.Engine.Accounts;
using Voice.Engine.Calls;
using Voice.Media.Contracts.Addressing;

namespace Voice.Api.Telnyx;

/// <summary>
/// Telnyx calls (<c>/v2/calls</c>): dial, retrieve status, and the call actions of <see cref="TelnyxCallActions"/>, all
/// on the engine's command set. A dialled call reports every event to its <c>webhook_url</c> (or its connection's
/// <c>webhook_event_url</c>) in Telnyx's envelope, signed with the account's Ed25519 key. Commands answer
/// <c>{"data":{"result":"ok"}}</c> at once; what they do is reported by webhooks, as Telnyx does.
/// </summary>
public static class TelnyxCallsApi
{
    public const string Route = TelnyxApiRegistration.Prefix + "/calls";

    /// <summary>The route of every POST call action.</summary>
    public const string ActionRoute = Route + "/{callControlId}/actions/{action}";

    private static readonly string[] WebhookMethods = ["POST", "GET"];

    /// <summary>The actions sent with POST (client_state_update is a PUT).</summary>
    public static IReadOnlyList<string> PostActions { get; } = [.. TelnyxCallActions.Readers.Keys.Where(a => a != "client_state_update")];

    public static IEndpointRouteBuilder MapTelnyxCallsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, (Func<HttpContext, Task<IResult>>)Dial);
        app.MapGet(Route + "/{callControlId}", (Func<HttpContext, string, Task<IResult>>)RetrieveStatus);
        // One route for every action (one Functions trigger too); an action not built is answered as the catch-all would.
        app.MapPost(ActionRoute, (Func<HttpContext, string, string, Task<IResult>>)RunAction);

        app.MapPut(Route + "/{callControlId}/actions/client_state_update", (Func<HttpContext, string, Task<IResult>>)UpdateClientState);
        return app;
    }

    public static Task<IResult> Dial(HttpContext http) => TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
    {
        var fields = new BodyFields(body, TelnyxResults.FieldErrors);
        var connectionId = fields.Text("connection_id", required: true, maxLength: 64);
        var to = DialledAddress(fields, body);
        var from = fields.Text("from", required: true, maxLength: 16);
        if (fields.Error is null && from is not null && !E164Number.IsValid(from))
        {
            return TelnyxResults.NotE164("/from");
        }

        var webhookUrl = fields.Text("webhook_url", maxLength: 2048);
        fields.Require(webhookUrl is null || HttpUrl.IsAbsolute(webhookUrl), "webhook_url", "'webhook_url' must be an absolute http or https URL");
        fields.OneOf("webhook_url_method", WebhookMethods);
        var clientState = TelnyxCommandFields.ClientState(fields);
        var commandId = fields.Text("command_id", maxLength: 256);
        var timeout = fields.WholeNumber("timeout_secs", 5, 600) ?? 30;
        var timeLimit = fields.WholeNumber("time_limit_secs", 30, 14_400) ?? 14_400;
        var record = fields.OneOf("record", ["record-from-answer"]);
        var audioUrl = TelnyxMediaFields.AudioUrl(fields, required: false);
        var linkTo = fields.Text("link_to", maxLength: 64);
        var linkedCallId = "";
        fields.Require(linkTo is null || TelnyxIds.TryParseCallControlId(linkTo, out linkedCallId), "link_to", "'link_to' must be a call control id (v3:…)");
        var bridgeOnAnswer = fields.Flag("bridge_on_answer") ?? false;
        var headers = TelnyxCustomHeaders.Read(fields);
        fields.Require(!bridgeOnAnswer || linkTo is not null, "bridge_on_answer", "'bridge_on_answer' needs 'link_to': the call to bridge with");
        var stream = TelnyxStreamingFields.Read(fields, "dial:stream", clientState, required: false);
        var machineDetection = TelnyxMachineDetection.Read(fields, "dial:answering_machine_detection");
        if (fields.Error is { } error)
        {
            return error;
        }

        if (await ConnectionAsync(http, caller.AccountId, connectionId!) is not { } connection)
        {
            return TelnyxResults.Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.InvalidId, "Invalid connection_id",
                $"'connection_id' {connectionId} is not a call control application of this account", new TelnyxErrorSource("/connection_id"));
        }

        var linked = linkTo is null ? null : await Calls(http).GetAsync(caller.AccountId, linkedCallId, http.RequestAborted);
        if (linkTo is not null && (linked is null || linked.Status.IsTerminal()))
        {
            return TelnyxResults.Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.InvalidId, "Invalid link_to",
                $"'link_to' {linkTo} is not a live call of this account", new TelnyxErrorSource("/link_to"));
        }

        var eventUrl = webhookUrl ?? connection.Telnyx?.WebhookEventUrl ?? connection.EventUrl;
        var request = new PlaceCallRequest(to!, from!, Url: null, eventUrl, timeout, record is not null)
        {
            ApplicationId = connection.Id,
            Dialect = ApplicationDialect.Telnyx,
            Reporting = CallReporting.EveryEvent,
            ClientState = clientState,
            TimeLimitSeconds = timeLimit,
            CommandId = commandId,
            LinkedCallId = linked is null ? null : TelnyxActiveCall.SessionCallId(linked),
            DialHeaders = headers,
            AnswerCommands = DialAnswerCommands(audioUrl, bridgeOnAnswer ? linked!.Id : null, machineDetection),
            AnswerCommandsFor = stream is null ? null : call => [TelnyxStreamingFields.ForCall(stream, call)],
        };
        var result = await Calls(http).PlaceOutboundAsync(caller.AccountId, request, http.RequestAborted);
        if (result.Refusal is PlaceCallRefusal.NoMediaNode)
        {
            return TelnyxResults.NoMediaNode(result.RetryAfter);
        }

        if (result.Call is not { } call)
        {
            return TelnyxResults.Error(StatusCodes.Status422UnprocessableEntity, TelnyxErrorCodes.BadRequest, "Invalid from number",
                $"'from' {from} is not a phone number of this account", new TelnyxErrorSource("/from"));
        }

        await CallEvents(http).RecordCommandAsync(caller.AccountId, call.Id, "dial", body);
        return TelnyxResults.Data(TelnyxCallStatus.Of(call));
    });

    /// <summary>
    /// What a dial asks to happen on answer: answering-machine detection (first, so it hears the greeting from the
    /// start), its audio played to the callee, and the bridge with <c>link_to</c>.
    /// </summary>
    private static List<CallCommand> DialAnswerCommands(string? audioUrl, string? bridgeWith, DetectMachine? machineDetection)
    {
        var commands = new List<CallCommand>();
        if (machineDetection is not null)
        {
            commands.Add(machineDetection);
        }

        if (bridgeWith is not null)
        {
            commands.Add(new BridgeCalls { CommandId = "dial:bridge_on_answer", OtherCallId = bridgeWith });
        }

        if (audioUrl is not null)
        {
            commands.Add(new PlayAudio { CommandId = "dial:audio_url", Url = audioUrl });
        }

        return commands;
    }

    public static Task<IResult> RetrieveStatus(HttpContext http, string callControlId) => TelnyxPipeline.RunAsync(http, ApiScopes.CallsRead, async caller =>
        TelnyxIds.TryParseCallControlId(callControlId, out var callId) && await Calls(http).GetAsync(caller.AccountId, callId, http.RequestAborted) is { } call
            ? TelnyxResults.Data(TelnyxCallStatus.Of(call))
            : TelnyxResults.NotFound("call " + callControlId));

    /// <summary>One of <see cref="PostActions"/> on a call; any other action gets the catch-all's answer (501 for a Telnyx operation not built, else 404).</summary>
    public static Task<IResult> RunAction(HttpContext http, string callControlId, string action) =>
        action != "client_state_update" && TelnyxCallActions.Readers.TryGetValue(action, out var reader)
            ? RunCommandAsync(http, callControlId, action, reader)
            : Task.FromResult(TelnyxUnsupportedApi.Answer(http, $"calls/{callControlId}/actions/{action}"));

    public static Task<IResult> UpdateClientState(HttpContext http, string callControlId) =>
        RunCommandAsync(http, callControlId, "client_state_update", TelnyxCallActions.Readers["client_state_update"]);

    private static Task<IResult> RunCommandAsync(
        HttpContext http, string callControlId, string action, Func<BodyFields, JsonElement, string, string?, CallCommand?> reader) =>
        TelnyxPipeline.RunWithBodyAsync(http, ApiScopes.CallsWrite, async (caller, body) =>
        {
            if (!TelnyxIds.TryParseCallControlId(callControlId, out var callId))
            {
                return TelnyxResults.NotFound("call " + callControlId);
            }

            var fields = new BodyFields(body, TelnyxResults.FieldErrors);
            var commandId = TelnyxCommandFields.CommandId(fields);
            var clientState = TelnyxCommandFields.ClientState(fields);
            var command = fields.Error is null ? reader(fields, body, commandId, clientState) : null;
            if (command is null)
            {
                return fields.Error!;
            }

            if (command is StartStreaming or AnswerCall { Then.IsEmpty: false })
            {
                // The stream's start message describes the call: read it once (only these commands need it).
                if (await Calls(http).GetAsync(caller.AccountId, callId, http.RequestAborted) is not { } call)
                {
                    return TelnyxResults.NotFound("call " + callControlId);
                }

                command = command switch
                {
                    StartStreaming stream => TelnyxStreamingFields.ForCall(stream, call),
                    AnswerCall answer => answer with { Then = [.. answer.Then.Select(c => c is StartStreaming s ? TelnyxStreamingFields.ForCall(s, call) : c)] },
                    _ => command,
                };
            }

            if (await Calls(http).SendCommandAsync(caller.AccountId, callId, command, http.RequestAborted) is { } refusal)
            {
                return TelnyxCommandErrors.For(refusal, callControlId);
            }

            // Recorded once accepted; a failed write is logged, never the command's failure.
            await CallEvents(http).RecordCommandAsync(caller.AccountId, callId, action, body);
            return TelnyxResults.Data(TelnyxCommandResult.Ok);
        });

    /// <summary><c>to</c>: a +E.164 number or a sip: URI; Telnyx also takes an array (simultaneous ring), which is refused here.</summary>
    private static string? DialledAddress(BodyFields fields, JsonElement body)
    {
        if (body.TryGetProperty("to", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            fields.Require(false, "to", "'to' as an array (simultaneous ring) is not supported: give one number or SIP URI");
            return null;
        }

        var to = fields.Text("to", required: true, maxLength: 256);
        fields.Require(to is null || E164Number.IsValid(to) || DialableSipUri.IsValid(to), "to", "'to' must be a +E.164 number or a sip: URI");
        return to;
    }

    private static async Task<ApplicationRecord?> ConnectionAsync(HttpContext http, string accountId, string connectionId) =>
        TelnyxIds.IsPathId(connectionId)
        && await http.RequestServices.GetRequiredService<ApplicationService>().GetAsync(accountId, connectionId, http.RequestAborted) is { Dialect: ApplicationDialect.Telnyx } application
            ? application
            : null;

    private static bool HasField(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static CallService Calls(HttpContext http) => http.RequestServices.GetRequiredService<CallService>();

    private static TelnyxCallEventRecorder CallEvents(HttpContext http) => http.RequestServices.GetRequiredService<TelnyxCallEventRecorder>();
}
