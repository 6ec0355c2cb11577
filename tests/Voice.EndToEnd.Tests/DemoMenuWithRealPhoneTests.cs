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

    [Fact]
    public async Task Pressing_1_in_the_demo_menu_speaks_the_time()
    {
        var devHost = new Uri(product.Http.BaseAddress!, "/").ToString().TrimEnd('/');
        await product.SetAnswerUrlAsync(devHost + DemoMenu.AnswerPath);
        await using var phone = await Baresip.StartAsync("auto");

        await phone.CommandAsync("dial", $"sip:{ProductFixture.Number}@127.0.0.1:{product.NodeSipPort}");
        await phone.EventAsync("CALL_ESTABLISHED", 30);
        var id = await Eventually.ReturnsAsync(
            async () => (await product.GetAsync("calls?direction=inbound&status=in-progress")).GetProperty("calls").EnumerateArray()
                .Where(c => c.GetProperty("from").GetString() == phone.Uri).Select(c => c.GetProperty("id").GetString()).FirstOrDefault(),
            "the phone's inbound call to be in progress");

        // The menu is one gather whose prompt is the spoken menu (a bargeIn talk before an input), and a gather's prompt
        // reports no speak.started: nothing tells the phone when the gather runs. So press 1 once a second until the
        // gather ends; a digit pressed before the node runs the gather command is reported but belongs to no gather.
        var sinceLastPress = System.Diagnostics.Stopwatch.StartNew();
        var pressed = false;
        await Eventually.ReturnsAsync(
            async () =>
            {
                if (product.EventsOf(id!).Any(e => e.Type == VoiceEventTypes.CallGatherEnded))
                {
                    return "ended";
                }

                if (!pressed || sinceLastPress.Elapsed > TimeSpan.FromSeconds(1))
                {
                    await phone.CommandAsync("sndcode", "1");
                    (pressed, sinceLastPress) = (true, System.Diagnostics.Stopwatch.StartNew());
                }

                return null;
            },
            "the menu's gather to end",
            60);
        var gather = product.EventsOf(id!).First(e => e.Type == VoiceEventTypes.CallGatherEnded);
        var result = System.Text.Json.JsonDocument.Parse(gather.Data!.ToString()).RootElement;
        Assert.Equal(("1", "max_digits"), (result.GetProperty("digits").GetString(), result.GetProperty("reason").GetString()));

        // The time is the first talk after the menu; the whole of it is spoken (it is no barge-in prompt), then the flow ends.
        var spokenAfterMenu = await Eventually.ReturnsAsync(
            () => Task.FromResult(product.EventsOf(id!).SkipWhile(e => e.Type != VoiceEventTypes.CallGatherEnded)
                .FirstOrDefault(e => e.Type == VoiceEventTypes.CallSpeakEnded)),
            "the time to be spoken after the digit",
            60);
        Assert.Contains(product.EventsOf(id!).SkipWhile(e => e.Type != VoiceEventTypes.CallGatherEnded), e => e.Type == VoiceEventTypes.CallSpeakStarted);
        Assert.Equal("finished", System.Text.Json.JsonDocument.Parse(spokenAfterMenu.Data!.ToString()).RootElement.GetProperty("reason").GetString());
        await phone.EventAsync("CALL_CLOSED", 60);
        await product.CallReachesAsync(id!, "completed");

        // And the speech reached the phone over RTP: the menu until the digit, the time and goodbye (about 3.5 s of it).
        var heard = await phone.HeardAsync();
        var speechBlocks = Enumerable.Range(0, heard.Length / 160).Count(b => Rms(heard.AsSpan(b * 160, 160)) > 300);
        Assert.True(speechBlocks * 20 >= 2000, $"the phone heard {speechBlocks * 20} ms of speech");
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }
}
