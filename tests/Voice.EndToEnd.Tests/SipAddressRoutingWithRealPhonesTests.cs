using Microsoft.Extensions.DependencyInjection;
using Voice.Engine.Accounts;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// Inbound calls by SIP URI with a real baresip caller: a Request-URI an application lists (<c>sip:support@…</c>)
/// is answered by that application's call flow; one nobody lists is refused with SIP 404.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class SipAddressRoutingWithRealPhonesTests
{
    private readonly ProductFixture product;

    public SipAddressRoutingWithRealPhonesTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task A_call_to_a_sip_uri_an_application_lists_is_driven_by_that_applications_answer_url()
    {
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/support", """[{"action":"talk","text":"Support, how can we help"}]""");
        var applications = product.Services.GetRequiredService<ApplicationService>();
        var created = await applications.TryCreateAsync(
            ProductFixture.AccountId,
            "e2e",
            a => a with { Name = "support line", AnswerUrl = $"http://127.0.0.1:{webhooks.Port}/support", SipUris = ["sip:support@127.0.0.1"] },
            CancellationToken.None);
        Assert.True(created.Application is not null, created.Problem);
        try
        {
            await using var phone = await Baresip.StartAsync("auto");

            await phone.CommandAsync("dial", $"sip:support@127.0.0.1:{product.NodeSipPort}");

            await phone.EventAsync("CALL_ESTABLISHED", 30);
            await phone.EventAsync("CALL_CLOSED", 60);
            var call = await product.CompletedInboundCallAsync(webhooks, "/support");
            Assert.Equal("sip:support@127.0.0.1", call.GetProperty("to").GetString());
        }
        finally
        {
            await applications.DeleteAsync(ProductFixture.AccountId, "e2e", created.Application!.Id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_call_to_a_sip_uri_nobody_lists_is_refused_with_404()
    {
        await using var phone = await Baresip.StartAsync("auto");

        await phone.CommandAsync("dial", $"sip:nobody-{Guid.NewGuid():N}@127.0.0.1:{product.NodeSipPort}");

        var closed = await phone.EventAsync("CALL_CLOSED", 30);
        Assert.Contains("404", closed.GetProperty("param").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CALL_ESTABLISHED", phone.SeenTypes);
    }
}
