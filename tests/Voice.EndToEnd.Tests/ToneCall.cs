using System.Text.Json;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>An outbound call whose flow streams 2 s of a 1 kHz tone and then says goodbye, checked at the phone's ear.</summary>
internal static class ToneCall
{
    private const int Hz = 1000;

    /// <summary>The customer's webhooks for the call: the flow at <c>/answer</c>, status callbacks recorded at <c>/status</c>.</summary>
    public static Task<WebhookReceiver> StartWebhooksAsync() => CallFlowWebhooks.ToneThenTalkAsync(Hz, seconds: 2, "Thank you, goodbye");

    /// <summary>
    /// Places the call to <paramref name="to"/>, waits until <paramref name="phone"/> answered and was hung up and the
    /// call is completed, checks the phone heard about 2 s of the tone, and returns the call.
    /// </summary>
    public static async Task<JsonElement> PlaceAndHearAsync(ProductFixture product, string to, Baresip phone, WebhookReceiver webhooks)
    {
        var url = $"http://127.0.0.1:{webhooks.Port}";
        var id = await product.PlaceCallAsync($$"""{"to":"{{to}}","from":"{{ProductFixture.Number}}","url":"{{url}}/answer","status_callback":"{{url}}/status"}""");

        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await phone.EventAsync("CALL_CLOSED", 60);
        var call = await product.CallReachesAsync(id, "completed");
        var heard = await phone.HeardAsync();
        var toneBlocks = TestAudio.ToneBlocks(heard, Hz, 0.5);
        Assert.True(toneBlocks >= 75, $"the phone should hear about 2 s of the 1 kHz stream; heard {toneBlocks} tone blocks of 20 ms in {heard.Length / 8000.0:F1} s");
        return call;
    }
}
