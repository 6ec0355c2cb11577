using Microsoft.AspNetCore.Http;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>The customer's side of the tests' call flows: real webhook receivers that answer with call-flow documents.</summary>
internal static class CallFlowWebhooks
{
    /// <summary>A receiver that answers <paramref name="path"/> with the call-flow <paramref name="document"/> and 200 to anything else.</summary>
    public static Task<WebhookReceiver> AnsweringAsync(string path, string document) => WebhookReceiver.StartAsync(async (request, response) =>
    {
        response.StatusCode = 200;
        if (request.Path == path)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(document);
        }
    });

    /// <summary>
    /// A receiver whose <c>/answer</c> streams its own <c>/tone.wav</c> (a sine of <paramref name="hz"/> for
    /// <paramref name="seconds"/>) and then says <paramref name="text"/>.
    /// </summary>
    public static async Task<WebhookReceiver> ToneThenTalkAsync(int hz, int seconds, string text)
    {
        var tone = await TestAudio.ToneWavAsync(hz, seconds);
        return await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            if (request.Path == "/answer")
            {
                response.ContentType = "application/json";
                await response.WriteAsync($$"""[{"action":"stream","streamUrl":["{{BaseOf(response)}}/tone.wav"]},{"action":"talk","text":"{{text}}"}]""");
            }
            else if (request.Path == "/tone.wav")
            {
                response.ContentType = "audio/wav";
                await response.Body.WriteAsync(tone);
            }
        });
    }

    /// <summary>The receiver's own base URL, as seen by the request being answered.</summary>
    public static string BaseOf(HttpResponse response) => $"http://127.0.0.1:{response.HttpContext.Connection.LocalPort}";
}
