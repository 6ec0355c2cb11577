using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Voice.Api.Http;
using Voice.Api.Vonage.Auth;
using Voice.Core.CallFlow;
using Voice.Core.Commands;
using Voice.Engine.Calls;

namespace Voice.Api.Vonage.Calls;

/// <summary>
/// The live-call operations of <c>/v1/calls/{uuid}</c> (compat-notes §B.2), each one engine command: <c>PUT</c> with
/// action hangup / mute / unmute / earmuff / unearmuff / transfer (204); talk, stream, dtmf (200 with Vonage's message
/// and the uuid); asynchronous DTMF input on and off. Vonage sends no command ids: each request gets its own, so every
/// request is applied (a retry repeats it, as on Vonage).
/// </summary>
public static class VonageCallOperations
{
    private static readonly string[] Actions = ["hangup", "mute", "unmute", "earmuff", "unearmuff", "transfer"];
    private static readonly string[] Methods = ["GET", "POST"];

    public static Task<IResult> Modify(HttpContext http, string uuid) => VonagePipeline.RunWithBodyAsync(http, optional: false, async (caller, body) =>
    {
        var fields = new BodyFields(body, VonageResults.FieldErrors);
        var action = fields.OneOf("action", Actions);
        fields.Require(action is not null || fields.Error is not null, "action", "'action' is required: " + string.Join(", ", Actions));
        CallCommand? command = action switch
        {
            "mute" => new SetCallAudio { CommandId = NewId(action), Muted = true },
            "unmute" => new SetCallAudio { CommandId = NewId(action), Muted = false },
            "earmuff" => new SetCallAudio { CommandId = NewId(action), Deaf = true },
            "unearmuff" => new SetCallAudio { CommandId = NewId(action), Deaf = false },
            "transfer" => Transfer(fields, body),
            _ => null,
        };
        if (fields.Error is { } error)
        {
            return error;
        }

        if (action == "hangup")
        {
            return await Calls(http).RequestEndAsync(caller.AccountId, uuid, http.RequestAborted)
                ? Results.NoContent()
                : VonageResults.NotFound($"Call {uuid} was not found");
        }

        return await SendAsync(http, caller, uuid, command!, Results.NoContent());
    });

    public static Task<IResult> StartTalk(HttpContext http, string uuid) => VonagePipeline.RunWithBodyAsync(http, optional: false, (caller, body) =>
    {
        var fields = new BodyFields(body, VonageResults.FieldErrors);
        var text = fields.Text("text", required: true, maxLength: CallFlowParser.MaxTalkTextLength);
        var loop = fields.WholeNumber("loop", 0, 100) ?? 1;
        var language = fields.Text("language", maxLength: 35);
        fields.Require(language is null || IsLanguageTag(language), "language", "'language' must be a BCP-47 tag such as en-US");
        ReadLevel(fields, body);
        var style = fields.WholeNumber("style", 0, 99);
        fields.Flag("premium");
        fields.Text("voice_name", maxLength: 64);
        if (fields.Error is { } error)
        {
            return Task.FromResult(error);
        }

        var command = new SpeakText { CommandId = NewId("talk"), Text = text!, Voice = TalkVoices.For(language, style), Loop = loop };
        return SendAsync(http, caller, uuid, command, Message("Talk started", uuid));
    });

    public static Task<IResult> StopTalk(HttpContext http, string uuid) => VonagePipeline.RunAsync(http, caller =>
        SendAsync(http, caller, uuid, new StopPlayback { CommandId = NewId("talk_stop") }, Message("Talk stopped", uuid)));

    public static Task<IResult> StartStream(HttpContext http, string uuid) => VonagePipeline.RunWithBodyAsync(http, optional: false, (caller, body) =>
    {
        var fields = new BodyFields(body, VonageResults.FieldErrors);
        var url = VonageEndpoints.Url(fields, "stream_url");
        fields.Require(url is not null || fields.Error is not null, "stream_url", "'stream_url' is required: an array with one audio URL");
        var loop = fields.WholeNumber("loop", 0, 100) ?? 1;
        ReadLevel(fields, body);
        if (fields.Error is { } error)
        {
            return Task.FromResult(error);
        }

        return SendAsync(http, caller, uuid, new PlayAudio { CommandId = NewId("stream"), Url = url!, Loop = loop }, Message("Stream started", uuid));
    });

    public static Task<IResult> StopStream(HttpContext http, string uuid) => VonagePipeline.RunAsync(http, caller =>
        SendAsync(http, caller, uuid, new StopPlayback { CommandId = NewId("stream_stop") }, Message("Stream stopped", uuid)));

    public static Task<IResult> SendDtmf(HttpContext http, string uuid) => VonagePipeline.RunWithBodyAsync(http, optional: false, (caller, body) =>
    {
        var fields = new BodyFields(body, VonageResults.FieldErrors);
        var digits = fields.Text("digits", required: true, maxLength: 64);
        fields.Require(digits is null || (digits.Length > 0 && digits.All(IsDtmf)), "digits", "'digits' must hold only 0-9, *, #, A-D (and p for a pause)");
        if (fields.Error is { } error)
        {
            return Task.FromResult(error);
        }

        // A 'p' is Vonage's 500 ms pause; the node's digits have no pause, so pauses are dropped.
        var command = new SendDigits { CommandId = NewId("dtmf"), Digits = digits!.Replace("p", "", StringComparison.OrdinalIgnoreCase) };
        return SendAsync(http, caller, uuid, command, Message("DTMF sent", uuid));
    });

    public static Task<IResult> SubscribeDtmf(HttpContext http, string uuid) => VonagePipeline.RunWithBodyAsync(http, optional: false, (caller, body) =>
    {
        var fields = new BodyFields(body, VonageResults.FieldErrors);
        var url = VonageEndpoints.Url(fields, "event_url");
        fields.Require(url is not null || fields.Error is not null, "event_url", "'event_url' is required: an array with one URL");
        var method = fields.OneOf("event_method", Methods) ?? "POST";
        if (fields.Error is { } error)
        {
            return Task.FromResult(error);
        }

        var command = new SubscribeDtmf { CommandId = NewId("input_dtmf"), Target = new WebhookTarget(url!, method) };
        return SendAsync(http, caller, uuid, command, Message("DTMF subscribed", uuid));
    });

    public static Task<IResult> UnsubscribeDtmf(HttpContext http, string uuid) => VonagePipeline.RunAsync(http, caller =>
        SendAsync(http, caller, uuid, new SubscribeDtmf { CommandId = NewId("input_dtmf_stop") }, Message("DTMF unsubscribed", uuid)));

    /// <summary>A transfer's destination: <c>{"type":"ncco","url":[…]}</c> or an inline <c>{"type":"ncco","ncco":[…]}</c>.</summary>
    private static ReplaceCallFlow? Transfer(BodyFields fields, JsonElement body)
    {
        var destination = fields.Nested("destination");
        fields.Require(destination is not null || fields.Error is not null, "destination", "'destination' is required for a transfer");
        if (destination is null)
        {
            return null;
        }

        var type = destination.OneOf("type", ["ncco"]);
        destination.Require(type is not null || fields.Error is not null, "type", "'destination.type' is required: ncco");
        var url = VonageEndpoints.Url(destination, "url");
        var flow = VonageCallsApi.ReadNcco(destination, body.GetProperty("destination"));
        destination.Require(url is not null || flow is not null || fields.Error is not null, "url", "'destination' needs 'url' (an array with one URL) or 'ncco'");
        destination.Require(url is null || flow is null, "ncco", "give either 'destination.url' or 'destination.ncco', not both");
        return url is null && flow is null ? null : new ReplaceCallFlow { CommandId = NewId("transfer"), Url = url, Flow = flow };
    }

    private static async Task<IResult> SendAsync(HttpContext http, VonageCaller caller, string uuid, CallCommand command, IResult success)
    {
        var refusal = await Calls(http).SendCommandAsync(caller.AccountId, uuid, command, http.RequestAborted);
        return refusal switch
        {
            null => success,
            CommandRefusal.CallNotFound => VonageResults.NotFound($"Call {uuid} was not found"),
            CommandRefusal.CallEnded => VonageResults.Conflict($"Call {uuid} has already ended"),
            CommandRefusal.NotAnswered => VonageResults.Conflict($"Call {uuid} has not been answered yet"),
            _ => VonageResults.Conflict($"Call {uuid} cannot take this request now ({refusal})"),
        };
    }

    /// <summary>Vonage's <c>level</c>: −1..1, as a number or (the SDK's streamAudio) a string; checked, not applied.</summary>
    private static void ReadLevel(BodyFields fields, JsonElement body)
    {
        if (!body.TryGetProperty("level", out var level) || level.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var text = level.ValueKind == JsonValueKind.String ? level.GetString() : level.GetRawText();
        fields.Require(
            level.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= -1 and <= 1,
            "level", "'level' must be a number from -1 to 1");
    }

    private static IResult Message(string message, string uuid) => VonageResults.Json(new VonageMessage(message, uuid));

    private static string NewId(string action) => $"vonage:{action}:{Guid.NewGuid():N}";

    private static bool IsDtmf(char c) => char.IsAsciiDigit(c) || c is '*' or '#' or 'A' or 'B' or 'C' or 'D' or 'p' or 'P';

    private static bool IsLanguageTag(string tag) =>
        tag.Length >= 2 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(tag[0]);

    private static CallService Calls(HttpContext http) => http.RequestServices.GetRequiredService<CallService>();
}

/// <summary>What talk, stream and dtmf answer.</summary>
public sealed record VonageMessage(string Message, string Uuid);
