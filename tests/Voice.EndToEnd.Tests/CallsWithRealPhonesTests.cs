using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// Calls through the whole product to a real SIP phone (baresip): API → lifecycle → media-node → SIP/RTP → baresip,
/// with the customer's call-flow and status webhooks served by a real local receiver.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class CallsWithRealPhonesTests
{
    private readonly ProductFixture product;

    public CallsWithRealPhonesTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task Outbound_call_is_answered_hears_the_flow_and_reports_every_status()
    {
        await using var webhooks = await ToneCall.StartWebhooksAsync();
        await using var phone = await Baresip.StartAsync("auto");

        var call = await ToneCall.PlaceAndHearAsync(product, phone.Uri, phone, webhooks);

        Assert.True(call.GetProperty("duration").GetInt32() >= 2);
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed"), "the completed status callback");
        var statuses = StatusCallbacks.Statuses(webhooks);
        Assert.Equal("completed", statuses[^1]);
        Assert.Contains("in-progress", statuses);
    }

    [Fact]
    public async Task Ivr_menu_gets_the_digit_the_phone_pressed_and_plays_the_answer()
    {
        await using var webhooks = await WebhookReceiver.StartAsync(async (request, response) =>
        {
            response.StatusCode = 200;
            response.ContentType = "application/json";
            if (request.Path == "/answer")
            {
                await response.WriteAsync($$"""
                    [{"action":"talk","text":"Press 1 for sales, 2 for support","bargeIn":true},
                     {"action":"input","type":["dtmf"],"dtmf":{"maxDigits":1,"timeOut":10},"eventUrl":["{{CallFlowWebhooks.BaseOf(response)}}/menu"]}]
                    """);
            }
            else if (request.Path == "/menu")
            {
                await response.WriteAsync("""[{"action":"talk","text":"You chose support"}]""");
            }
        });
        await using var phone = await Baresip.StartAsync("auto");
        var url = $"http://127.0.0.1:{webhooks.Port}";

        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","url":"{{url}}/answer"}""");
        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await Task.Delay(1500);
        await phone.CommandAsync("sndcode", "2");

        await webhooks.WaitForAsync(w => w.Requests.Any(r => r.Path == "/menu"), "the menu's eventUrl to be called");
        var menu = webhooks.Requests.First(r => r.Path == "/menu");
        Assert.Equal("2", JsonDocument.Parse(menu.BodyText).RootElement.GetProperty("dtmf").GetProperty("digits").GetString());
        await phone.EventAsync("CALL_CLOSED", 60);
        await product.CallReachesAsync(id, "completed");
    }

    [Fact]
    public async Task Unanswered_call_ends_as_no_answer_after_its_timeout()
    {
        await using var phone = await Baresip.StartAsync("manual");

        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","timeout":3}""");

        await phone.EventAsync("CALL_INCOMING", 30);
        var call = await product.CallReachesAsync(id, "no-answer");
        Assert.False(call.TryGetProperty("start_time", out _));
    }

    [Fact]
    public async Task Delete_while_ringing_cancels_the_call()
    {
        await using var phone = await Baresip.StartAsync("manual");
        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","timeout":30}""");
        await phone.EventAsync("CALL_INCOMING", 30);

        using var response = await product.DeleteAsync($"calls/{id}");

        Assert.Equal(204, (int)response.StatusCode);
        await product.CallReachesAsync(id, "canceled");
        await phone.EventAsync("CALL_CLOSED", 30);
    }

    [Fact]
    public async Task Inbound_call_to_an_owned_number_is_driven_by_its_answer_url()
    {
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/inbound", """[{"action":"talk","text":"Welcome to the test line"}]""");
        await product.SetAnswerUrlAsync($"http://127.0.0.1:{webhooks.Port}/inbound");
        await using var phone = await Baresip.StartAsync("auto");

        await phone.CommandAsync("dial", $"sip:{ProductFixture.Number}@127.0.0.1:{product.NodeSipPort}");

        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await phone.EventAsync("CALL_CLOSED", 60);
        var call = await product.CompletedInboundCallAsync(webhooks, "/inbound");
        var id = call.GetProperty("id").GetString();
        var listed = await product.GetAsync("calls?direction=inbound&status=completed");
        Assert.Contains(listed.GetProperty("calls").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
    }
}
