using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>Two phones joined to one conference by their call flows' <c>conversation</c> action hear each other.</summary>
[Collection(ProductCollection.Name)]
public sealed class ConferenceWithRealPhonesTests
{
    private readonly ProductFixture product;

    public ConferenceWithRealPhonesTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task Two_calls_in_one_conversation_hear_each_other_and_not_themselves()
    {
        var room = "room-" + Guid.NewGuid().ToString("N")[..8];
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/answer", $$"""[{"action":"conversation","name":"{{room}}"}]""");
        await using var alice = await Baresip.StartAsync("auto", toneHz: 500);
        await using var bob = await Baresip.StartAsync("auto", toneHz: 1700);
        var url = $"http://127.0.0.1:{webhooks.Port}/answer";

        var aliceCall = await product.PlaceCallAsync($$"""{"to":"{{alice.Uri}}","from":"{{ProductFixture.Number}}","url":"{{url}}"}""");
        var bobCall = await product.PlaceCallAsync($$"""{"to":"{{bob.Uri}}","from":"{{ProductFixture.Number}}","url":"{{url}}"}""");
        await alice.EventAsync("CALL_ESTABLISHED", 30);
        await bob.EventAsync("CALL_ESTABLISHED", 30);
        await product.CallReachesAsync(aliceCall, "in-progress");
        await product.CallReachesAsync(bobCall, "in-progress");
        await Task.Delay(4000);
        using var endAlice = await product.DeleteAsync($"calls/{aliceCall}");
        using var endBob = await product.DeleteAsync($"calls/{bobCall}");
        await alice.EventAsync("CALL_CLOSED", 30);
        await bob.EventAsync("CALL_CLOSED", 30);

        var aliceHeard = await alice.HeardAsync();
        var bobHeard = await bob.HeardAsync();
        var aliceHearsBob = TestAudio.ToneBlocks(aliceHeard, 1700, 0.4);
        var bobHearsAlice = TestAudio.ToneBlocks(bobHeard, 500, 0.4);
        var aliceHearsHerself = TestAudio.ToneBlocks(aliceHeard, 500, 0.4);
        var bobHearsHimself = TestAudio.ToneBlocks(bobHeard, 1700, 0.4);
        Assert.True(aliceHearsBob >= 50, $"alice should hear bob's 1700 Hz for a second or more; heard {aliceHearsBob} blocks");
        Assert.True(bobHearsAlice >= 50, $"bob should hear alice's 500 Hz for a second or more; heard {bobHearsAlice} blocks");
        Assert.True(aliceHearsHerself < 5, $"alice must not hear herself; heard {aliceHearsHerself} blocks of 500 Hz");
        Assert.True(bobHearsHimself < 5, $"bob must not hear himself; heard {bobHearsHimself} blocks of 1700 Hz");
        await product.CallReachesAsync(aliceCall, "completed");
    }
}
