using System.Text.Json;
using Voice.Core.Events;
using Voice.Testing;

namespace Voice.EndToEnd.Tests;

/// <summary>
/// How calls end through the whole product with a real phone: rejected as busy, hung up from the API while
/// talking, and with the customer's answer webhook down (outbound: hung up after answer; inbound: rejected). Each test checks the final status, the status callbacks
/// and the engine events that say why.
/// </summary>
[Collection(ProductCollection.Name)]
public sealed class CallOutcomesWithRealPhonesTests
{
    private readonly ProductFixture product;

    public CallOutcomesWithRealPhonesTests(ProductFixture product)
    {
        this.product = product;
    }

    [Fact]
    public async Task Phone_that_answers_486_busy_ends_the_call_as_busy_and_reports_busy_last()
    {
        await using var webhooks = await WebhookReceiver.StartAsync();
        await using var phone = await Baresip.StartAsync("manual");

        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","timeout":30,"status_callback":"http://127.0.0.1:{{webhooks.Port}}/status"}""");
        await phone.EventAsync("CALL_INCOMING", 30);
        await phone.CommandAsync("hangup"); // baresip declines a ringing call with 486 Busy Here

        var call = await product.CallReachesAsync(id, "busy");
        Assert.False(call.TryGetProperty("start_time", out _));
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("busy"), "the busy status callback");
        Assert.Equal("busy", StatusCallbacks.Statuses(webhooks)[^1]);
        Assert.Equal("busy", await CompletionReasonAsync(id));
    }

    [Fact]
    public async Task Delete_while_talking_sends_bye_and_completes_the_call_with_its_duration()
    {
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/answer", """[{"action":"talk","text":"Please hold, your call is important to us.","loop":0}]""");
        await using var phone = await Baresip.StartAsync("auto");
        var url = $"http://127.0.0.1:{webhooks.Port}";
        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","url":"{{url}}/answer","status_callback":"{{url}}/status"}""");
        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await product.CallReachesAsync(id, "in-progress");
        await Task.Delay(2500);

        using var response = await product.DeleteAsync($"calls/{id}");

        Assert.Equal(204, (int)response.StatusCode);
        await phone.EventAsync("CALL_CLOSED", 30);
        var call = await product.CallReachesAsync(id, "completed");
        Assert.True(call.GetProperty("duration").GetInt32() >= 2, $"the call talked for 2.5 s; duration {call.GetProperty("duration")}");
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed"), "the completed status callback");
        var statuses = StatusCallbacks.Statuses(webhooks);
        Assert.Equal("completed", statuses[^1]);
        Assert.Contains("in-progress", statuses);
        Assert.Equal("end_requested", await CompletionReasonAsync(id));
        Assert.Contains(product.EventsOf(id), e => e.Type == VoiceEventTypes.CallEndRequested);
    }

    [Fact]
    public async Task Phone_that_goes_silent_mid_call_is_hung_up_and_completed_with_reason_media_timeout()
    {
        await using var webhooks = await CallFlowWebhooks.AnsweringAsync("/answer", """[{"action":"talk","text":"Please hold, your call is important to us.","loop":0}]""");
        await using var phone = await Baresip.StartAsync("auto");
        var url = $"http://127.0.0.1:{webhooks.Port}";
        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","url":"{{url}}/answer","status_callback":"{{url}}/status"}""");
        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await product.CallReachesAsync(id, "in-progress");

        // SIGSTOP: no more RTP, RTCP or SIP from the phone, as when its network goes away (the fixture's timeout is 6 s).
        await phone.FreezeAsync();

        var call = await product.CallReachesAsync(id, "completed", 60);
        Assert.True(call.TryGetProperty("end_time", out _));
        Assert.Equal("media_timeout", await CompletionReasonAsync(id));
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed"), "the completed status callback");
        var last = webhooks.Requests.Where(r => r.Path == "/status" && r.Method == "POST").OrderBy(r => r.Sequence).Last();
        var data = JsonDocument.Parse(last.BodyText).RootElement.GetProperty("data");
        Assert.Equal(("completed", "media_timeout"), (data.GetProperty("status").GetString(), data.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Answered_call_whose_answer_url_is_down_hangs_up_and_says_why()
    {
        await using var webhooks = await WebhookReceiver.StartAsync();
        await using var phone = await Baresip.StartAsync("auto");
        var deadAnswerUrl = $"http://127.0.0.1:{FreePorts.Next()}/answer";

        var id = await product.PlaceCallAsync($$"""{"to":"{{phone.Uri}}","from":"{{ProductFixture.Number}}","url":"{{deadAnswerUrl}}","status_callback":"http://127.0.0.1:{{webhooks.Port}}/status"}""");

        await phone.EventAsync("CALL_ESTABLISHED", 30);
        await phone.EventAsync("CALL_CLOSED", 30);
        var call = await product.CallReachesAsync(id, "completed");
        Assert.True(call.TryGetProperty("end_time", out _));
        await webhooks.WaitForAsync(w => StatusCallbacks.Statuses(w).Contains("completed"), "the completed status callback");
        Assert.Equal("completed", StatusCallbacks.Statuses(webhooks)[^1]);
        Assert.Equal("call_flow_failed", await CompletionReasonAsync(id));
        var failed = product.EventsOf(id).Single(e => e.Type == VoiceEventTypes.CallFlowFailed);
        var reason = JsonDocument.Parse(failed.Data!).RootElement.GetProperty("reason").GetString()!;
        Assert.Contains(deadAnswerUrl, reason, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_call_whose_answer_url_is_down_is_rejected_with_480_and_fails()
    {
        var deadAnswerUrl = $"http://127.0.0.1:{FreePorts.Next()}/inbound";
        await product.SetAnswerUrlAsync(deadAnswerUrl);
        await using var phone = await Baresip.StartAsync("auto");

        await phone.CommandAsync("dial", $"sip:{ProductFixture.Number}@127.0.0.1:{product.NodeSipPort}");

        var closed = await phone.EventAsync("CALL_CLOSED", 30);
        Assert.Contains("480", closed.GetProperty("param").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CALL_ESTABLISHED", phone.SeenTypes);
        var failed = await Eventually.ReturnsAsync(
            () => Task.FromResult(product.Events.Requests.Select(r => r.Event).FirstOrDefault(e =>
                e?.Type == VoiceEventTypes.CallFlowFailed && e.Data!.ToString().Contains($"127.0.0.1:{phone.SipPort}", StringComparison.Ordinal))),
            "the flow.failed event of the phone's inbound call");
        var data = JsonDocument.Parse(failed.Data!).RootElement;
        Assert.Contains(deadAnswerUrl, data.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var call = await product.CallReachesAsync(data.GetProperty("call_id").GetString()!, "failed");
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        Assert.False(call.TryGetProperty("start_time", out _));
    }

    /// <summary>The <c>reason</c> of the call's completed event, once the event subscription got it.</summary>
    private async Task<string?> CompletionReasonAsync(string id)
    {
        await Eventually.HoldsAsync(() => product.EventsOf(id).Any(e => e.Type == VoiceEventTypes.CallCompleted), $"the completed event of {id}");
        var completed = product.EventsOf(id).First(e => e.Type == VoiceEventTypes.CallCompleted);
        return JsonDocument.Parse(completed.Data!).RootElement.GetProperty("reason").GetString();
    }
}
