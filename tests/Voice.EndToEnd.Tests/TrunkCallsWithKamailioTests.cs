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
        await using var webhooks = await ToneCall.StartWebhooksAsync();
        await using var phone = await Baresip.StartAsync("auto");
        await using var trunk = await StartTrunkAsync(phone);

        var call = await ToneCall.PlaceAndHearAsync(product, DialledNumber, phone, webhooks);

        Assert.Equal(DialledNumber, call.GetProperty("to").GetString());
        Assert.Contains(trunk.Log, l => l.Contains($"e2e: challenged INVITE to {DialledNumber}", StringComparison.Ordinal));
        Assert.Contains(trunk.Log, l => l.Contains($"e2e: authorized {ProductFixture.TrunkUsername} for {DialledNumber}", StringComparison.Ordinal));
        Assert.Contains(trunk.Log, l => l.Contains("e2e: in-dialog BYE", StringComparison.Ordinal)); // the node follows the Record-Route
    }

    [Fact]
    public async Task Delete_while_a_trunk_call_rings_cancels_it_at_the_phone()
    {
        await using var phone = await Baresip.StartAsync("manual");
        await using var trunk = await StartTrunkAsync(phone);
        var id = await product.PlaceCallAsync($$"""{"to":"{{DialledNumber}}","from":"{{ProductFixture.Number}}","timeout":30}""");
        await phone.EventAsync("CALL_INCOMING", 30);

        using var response = await product.DeleteAsync($"calls/{id}");

        Assert.Equal(204, (int)response.StatusCode);
        await product.CallReachesAsync(id, "canceled");
        await phone.EventAsync("CALL_CLOSED", 30); // the CANCEL of the authenticated INVITE reached the phone through kamailio
        Assert.Contains(trunk.Log, l => l.Contains("e2e: CANCEL from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_from_the_trunk_to_our_number_is_an_inbound_call_driven_by_its_answer_url()
    {
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/inbound", """[{"action":"talk","text":"Welcome to the trunk line"}]""");
        await product.SetAnswerUrlAsync($"http://127.0.0.1:{webhooks.Port}/inbound");
        await using var phone = await Baresip.StartAsync("auto");
        await using var trunk = await StartTrunkAsync(phone);

        await phone.CommandAsync("dial", $"sip:{ProductFixture.Number}@127.0.0.1:{product.TrunkPort}");

        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await phone.EventAsync("CALL_CLOSED", 60);
        var call = await product.CompletedInboundCallAsync(webhooks, "/inbound");
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
