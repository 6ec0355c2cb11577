using Microsoft.AspNetCore.Http;
using Voice.Core.Events;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>A Telefon call flow's <c>enqueue</c> action on a real phone: hold audio while it waits, then the next action.</summary>
[Collection(ProductCollection.Name)]
public sealed class QueueHoldWithRealPhoneTests
{
    private const int HoldHz = 600;
    private readonly ProductFixture product;

    public QueueHoldWithRealPhoneTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task An_enqueue_action_plays_its_hold_audio_until_the_wait_runs_out_then_the_flow_goes_on_with_its_next_action()
    {
        var queue = "hold-" + Guid.NewGuid().ToString("N")[..8];
        var hold = await TestAudio.ToneWavAsync(HoldHz, 2);
        await using var webhooks = await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            if (request.Path == "/answer")
            {
                response.ContentType = "application/json";
                await response.WriteAsync($$$"""
                    [{"action":"enqueue","name":"{{{queue}}}","maxWait":8,"hold":{"url":"{{{CallFlowWebhooks.BaseOf(response)}}}/hold.wav"}},
                     {"action":"talk","text":"Sorry, nobody could take your call. Goodbye."}]
                    """);
            }
            else if (request.Path == "/hold.wav")
            {
                response.ContentType = "audio/wav";
                await response.Body.WriteAsync(hold);
            }
        });
        await using var phone = await Baresip.StartAsync("auto");

        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","url":"http://127.0.0.1:{{webhooks.Port}}/answer"}""");
        await product.CallReachesAsync(id, "completed", timeoutSeconds: 90);
        await phone.EventAsync("CALL_CLOSED", 30);

        var types = product.EventsOf(id).Select(e => e.Type).ToList();
        var enqueued = types.IndexOf(VoiceEventTypes.CallEnqueued);
        var dequeued = types.IndexOf(VoiceEventTypes.CallDequeued);
        Assert.True(enqueued >= 0 && dequeued > enqueued, string.Join(", ", types));
        Assert.Contains("timeout", product.EventsOf(id)[dequeued].Data!.ToString(), StringComparison.Ordinal);
        Assert.True(types.IndexOf(VoiceEventTypes.CallSpeakEnded) > dequeued, $"the talk after the queue: {string.Join(", ", types)}");
        Assert.DoesNotContain(VoiceEventTypes.CallPlaybackStarted, types);

        // The caller heard the hold tone for most of the 8 s wait, and the talk after it.
        var heard = await phone.HeardAsync();
        var holdBlocks = TestAudio.ToneBlocks(heard, HoldHz, 0.8);
        Assert.True(holdBlocks >= 250, $"the hold audio for 5 s or more; heard {holdBlocks} blocks of {HoldHz} Hz");
        var lastHold = Enumerable.Range(0, heard.Length / 160).Last(b => Voice.Media.Dtmf.Goertzel.EnergyFraction(heard.AsSpan(b * 160, 160), HoldHz) > 0.8);
        var afterHold = heard.AsSpan((lastHold + 1) * 160).ToArray();
        Assert.True(Rms(afterHold) > 300, "the talk after the hold audio");
    }

    private static double Rms(short[] samples) => samples.Length == 0 ? 0 : Math.Sqrt(samples.Average(s => (double)s * s));
}
