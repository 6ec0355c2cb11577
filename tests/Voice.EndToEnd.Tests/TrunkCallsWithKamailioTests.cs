using Microsoft.AspNetCore.Http;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// Calls to and from phone numbers through a real SIP trunk: kamailio on the node's configured trunk address,
/// challenging the node's INVITEs with digest auth, in front of a real baresip.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class TrunkCallsWithKamailioTests
{
    private const string DialledNumber = "+15550109999";

    private readonly ProductFixture product;

    public TrunkCallsWithKamailioTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task Call_to_a_number_goes_through_the_trunk_with_digest_auth_and_the_phone_hears_the_flow()
    {
        var tone = await TestAudio.ToneWavAsync(1000, seconds: 2);
        await using var webhooks = await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            if (request.Path == "/answer")
            {
                response.ContentType = "application/json";
                await response.WriteAsync($$"""[{"action":"stream","streamUrl":["{{CallsWithRealPhonesTests.BaseOf(response)}}/tone.wav"]},{"action":"talk","text":"Goodbye"}]""");
            }
            else if (request.Path == "/tone.wav")
            {
                response.ContentType = "audio/wav";
                await response.Body.WriteAsync(tone);
            }
        });
        await using var phone = await Baresip.StartAsync("auto");
        await using var trunk = await StartTrunkAsync(phone);
        var url = $"http://127.0.0.1:{webhooks.Port}";

        var id = await product.PlaceCallAsync($$"""{"to":"{{DialledNumber}}","from":"{{ProductFixture.Number}}","url":"{{url}}/answer","status_callback":"{{url}}/status"}""");

        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await phone.EventAsync("CALL_CLOSED", 60);
        var call = await product.CallReachesAsync(id, "completed");
        Assert.Equal(DialledNumber, call.GetProperty("to").GetString());
        var heard = await phone.HeardAsync();
        var toneBlocks = TestAudio.ToneBlocks(heard, 1000, 0.5);
        Assert.True(toneBlocks >= 75, $"baresip should hear about 2 s of the 1 kHz stream through the trunk; heard {toneBlocks} tone blocks of 20 ms");
        Assert.Contains(trunk.Log, l => l.Contains($"e2e: challenged INVITE to {DialledNumber}", StringComparison.Ordinal));
        Assert.Contains(trunk.Log, l => l.Contains($"e2e: authorized {ProductFixture.TrunkUsername} for {DialledNumber}", StringComparison.Ordinal));
        Assert.Contains(trunk.Log, l => l.Contains("e2e: in-dialog BYE", StringComparison.Ordinal)); // the node follows the Record-Route
    }

    [Fact]
    public async Task Call_from_the_trunk_to_our_number_is_an_inbound_call_driven_by_its_answer_url()
    {
        await using var webhooks = await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            if (request.Path == "/inbound")
            {
                response.ContentType = "application/json";
                await response.WriteAsync("""[{"action":"talk","text":"Welcome to the trunk line"}]""");
            }
        });
        await product.SetAnswerUrlAsync($"http://127.0.0.1:{webhooks.Port}/inbound");
        await using var phone = await Baresip.StartAsync("auto");
        await using var trunk = await StartTrunkAsync(phone);

        await phone.CommandAsync("dial", $"sip:{ProductFixture.Number}@127.0.0.1:{product.TrunkPort}");

        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await phone.EventAsync("CALL_CLOSED", 60);
        await webhooks.WaitForAsync(w => w.Requests.Any(r => r.Path == "/inbound"), "the number's answer URL to be fetched");
        var id = ProductFixture.CallIdOf(webhooks.Requests.First(r => r.Path == "/inbound"));
        var call = await product.CallReachesAsync(id, "completed");
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        Assert.Equal(ProductFixture.Number, call.GetProperty("to").GetString());
        Assert.Contains(trunk.Log, l => l.Contains($"e2e: INVITE from 127.0.0.1:{phone.SipPort}", StringComparison.Ordinal));
    }

    private Task<Kamailio> StartTrunkAsync(Baresip phone) => Kamailio.StartAsync(new KamailioTrunk(
        product.TrunkPort,
        $"127.0.0.1:{product.NodeSipPort}",
        phone.Uri,
        phone.SipPort,
        new KamailioCredentials(ProductFixture.TrunkRealm, ProductFixture.TrunkUsername, ProductFixture.TrunkPassword)));
}
