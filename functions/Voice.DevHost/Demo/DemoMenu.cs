using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voice.Engine.Recordings;

namespace Voice.DevHost.Demo;

/// <summary>
/// The call flow of DevHost's demo application (its second number): a spoken menu, 1 → the time, 2 → an echo.
/// The engine has no echo action, so the echo records 5 s (a <c>record</c> with a time limit, which the flow waits
/// for) and then streams that recording back from <see cref="EchoPath"/>. Served by DevHost itself, unauthenticated
/// and on loopback only, for a newcomer's first call; it is not part of the product's API.
/// </summary>
public static class DemoMenu
{
    public const string AnswerPath = "/devhost/demo/answer";
    public const string MenuPath = "/devhost/demo/menu";
    public const string EchoPath = "/devhost/demo/echo";

    public const string Prompt = "Welcome to Voice Functions. Press 1 to hear the time, 2 to echo your voice for 5 seconds.";

    /// <summary>How long the echo waits for the recording's metadata after the record action ended.</summary>
    private static readonly TimeSpan RecordingWait = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapDevHostDemo(this IEndpointRouteBuilder app)
    {
        app.MapGet(AnswerPath, (HttpContext http) => Ncco(new JsonArray(MenuActions(BaseUrl(http)))));
        app.MapPost(MenuPath, (Func<HttpContext, Task<IResult>>)ChooseAsync);
        app.MapGet(EchoPath + "/{callId}", (Func<HttpContext, string, Task<IResult>>)EchoAsync);
        return app;
    }

    /// <summary>The flow for the digit pressed: the input result's <c>dtmf.digits</c>.</summary>
    public static JsonArray Choose(string? digits, string callId, string baseUrl, DateTimeOffset now) => digits switch
    {
        "1" =>
        [
            Talk("The time is " + now.UtcDateTime.ToString("h:mm tt", CultureInfo.InvariantCulture) + " U T C."),
            Talk("Goodbye."),
        ],
        "2" =>
        [
            Talk("Speak after the beep. I will play back five seconds."),
            new JsonObject { ["action"] = "record", ["format"] = "wav", ["timeOut"] = 5, ["beepStart"] = true },
            Talk("Here is what you said."),
            new JsonObject { ["action"] = "stream", ["streamUrl"] = new JsonArray($"{baseUrl}{EchoPath}/{Uri.EscapeDataString(callId)}") },
            Talk("Goodbye."),
        ],
        _ => [Talk("Sorry, I did not get that."), .. MenuActions(baseUrl)],
    };

    // Fresh nodes on every call: a JsonNode belongs to one parent array.
    private static JsonNode[] MenuActions(string baseUrl) =>
    [
        new JsonObject { ["action"] = "talk", ["text"] = Prompt, ["bargeIn"] = true },
        new JsonObject
        {
            ["action"] = "input",
            ["type"] = new JsonArray("dtmf"),
            ["dtmf"] = new JsonObject { ["maxDigits"] = 1, ["timeOut"] = 10 },
            ["eventUrl"] = new JsonArray(baseUrl + MenuPath),
        },
    ];

    private static async Task<IResult> ChooseAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = body.RootElement;
        var digits = root.TryGetProperty("dtmf", out var dtmf) && dtmf.TryGetProperty("digits", out var d) ? d.GetString() : null;
        var callId = root.TryGetProperty("call_id", out var id) ? id.GetString() ?? "" : "";
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return Ncco(Choose(digits, callId, BaseUrl(http), now));
    }

    /// <summary>The WAV the echo recorded on <paramref name="callId"/> (the dev account's calls only).</summary>
    private static async Task<IResult> EchoAsync(HttpContext http, string callId)
    {
        var recordings = http.RequestServices.GetRequiredService<RecordingService>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var deadline = clock.GetUtcNow() + RecordingWait;
        while (true)
        {
            var page = await recordings.ListAsync(DevAccountSeeder.AccountId, callId, null, 1, 1, http.RequestAborted);
            if (page.Items.Count > 0 && await recordings.OpenAudioAsync(DevAccountSeeder.AccountId, page.Items[0].Id, http.RequestAborted) is { } audio)
            {
                return Results.Stream(audio, "audio/wav");
            }

            if (clock.GetUtcNow() > deadline)
            {
                return Results.NotFound();
            }

            // The recording's metadata is saved by the call's lifecycle just after the node reports it; poll briefly.
            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, http.RequestAborted);
        }
    }

    private static JsonObject Talk(string text) => new() { ["action"] = "talk", ["text"] = text };

    private static IResult Ncco(JsonArray actions) => Results.Text(actions.ToJsonString(), "application/json");

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
