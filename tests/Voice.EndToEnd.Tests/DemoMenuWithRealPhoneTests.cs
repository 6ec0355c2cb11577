using Voice.Core.Events;
using Voice.DevHost.Demo;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// DevHost's demo menu answered by the whole product for a real baresip phone: the menu is spoken, the phone presses
/// 1, and the time is spoken before the call ends.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class DemoMenuWithRealPhoneTests
{
    private readonly ProductFixture product;

    public DemoMenuWithRealPhoneTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact(Skip = "DTMF a baresip caller sends on an inbound call is not detected by the node (the gather ends empty after ten presses; the outbound IVR test's digits are): see README's known gaps")]
    public async Task Pressing_1_in_the_demo_menu_speaks_the_time()
    {
        var devHost = new Uri(product.Http.BaseAddress!, "/").ToString().TrimEnd('/');
        await product.SetAnswerUrlAsync(devHost + DemoMenu.AnswerPath);
        await using var phone = await Baresip.StartAsync("auto");

        await phone.CommandAsync("dial", $"sip:{ProductFixture.Number}@127.0.0.1:{product.NodeSipPort}");
        await phone.EventAsync("CALL_ESTABLISHED", 30);
        var id = await Eventually.ReturnsAsync(
            async () => (await product.GetAsync("calls?direction=inbound&status=in-progress")).GetProperty("calls").EnumerateArray()
                .Select(c => c.GetProperty("id").GetString()).FirstOrDefault(),
            "the inbound call to be in progress");
        await Eventually.ReturnsAsync(
            () => Task.FromResult(product.EventsOf(id!).Any(e => e.Type == VoiceEventTypes.CallSpeakStarted) ? "menu" : null), "the menu to be spoken");

        // Press 1 (at most once a second) until the gather reports a digit: a tone sent before the node hears the media is lost.
        var sinceLastPress = System.Diagnostics.Stopwatch.StartNew();
        var pressed = false;
        await Eventually.ReturnsAsync(
            async () =>
            {
                if (product.EventsOf(id!).Any(e => e.Type == VoiceEventTypes.CallGatherEnded))
                {
                    return "pressed";
                }

                if (!pressed || sinceLastPress.Elapsed > TimeSpan.FromSeconds(1))
                {
                    await phone.CommandAsync("sndcode", "1");
                    (pressed, sinceLastPress) = (true, System.Diagnostics.Stopwatch.StartNew());
                }

                return null;
            },
            "the menu to take the digit");
        await Eventually.ReturnsAsync(
            () => Task.FromResult(product.EventsOf(id!).SkipWhile(e => e.Type != VoiceEventTypes.CallGatherEnded).Any(e => e.Type == VoiceEventTypes.CallSpeakStarted) ? "time" : null),
            "the time to be spoken after the digit",
            60);
        var gather = product.EventsOf(id!).First(e => e.Type == VoiceEventTypes.CallGatherEnded);
        Assert.Equal("1", System.Text.Json.JsonDocument.Parse(gather.Data!.ToString()).RootElement.GetProperty("digits").GetString());
        await phone.EventAsync("CALL_CLOSED", 60);
        await product.CallReachesAsync(id!, "completed");
    }
}
