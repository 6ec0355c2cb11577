using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Core.Lifecycles;
using Voice.Media.Contracts;
using static Voice.Core.Tests.Lifecycles.CallHarness;

namespace Voice.Core.Tests.Lifecycles;

public sealed class WebhookFetchTests
{
    private static CallHarness Answered(string? fallbackUrl = null)
    {
        var call = Outbound(fallbackUrl: fallbackUrl);
        call.Media(new AnsweredEvent { Id = "a", CallId = CallId });
        return call;
    }

    [Fact]
    public void A_failed_answer_webhook_is_retried_once_at_the_same_url()
    {
        var call = Answered();
        var first = call.Effect<FetchCallFlow>();
        call.FailFetch("connect timeout after 3 s");

        var retry = call.Effect<FetchCallFlow>();
        Assert.Equal((first.RequestId, first.Url, 2), (retry.RequestId, retry.Url, retry.Attempt));
    }

    [Fact]
    public void After_the_retry_the_fallback_url_is_tried()
    {
        var call = Answered(fallbackUrl: "https://backup.example/answer");
        Assert.Equal("https://backup.example/answer", call.Effect<FetchCallFlow>().FallbackUrl);
        call.FailFetch();
        call.FailFetch();

        var fallback = call.Effect<FetchCallFlow>();
        Assert.Equal(("https://backup.example/answer", 3), (fallback.Url, fallback.Attempt));
        call.Respond("""[{"action":"talk","text":"from backup"}]""");
        Assert.Equal("from backup", call.Command<SayCommand>().Text);
    }

    [Fact]
    public void When_every_attempt_fails_the_call_ends_with_a_flow_failed_event_that_says_why()
    {
        var call = Answered(fallbackUrl: "https://backup.example/answer");
        call.FailFetch();
        call.FailFetch();
        call.FailFetch("HTTP 503");

        var failed = Assert.Single(call.Effects.OfType<PublishEvent>(), e => e.Event.Type == VoiceEventTypes.CallFlowFailed);
        Assert.Equal("answer webhook https://backup.example/answer failed after 3 attempts: HTTP 503", failed.Event.Data["reason"]!.GetValue<string>());
        Assert.Equal("call_flow_failed", call.Command<HangupCommand>().Reason);
        Assert.Equal(CallStatus.Completed, call.Status);
    }

    [Fact]
    public void An_invalid_document_ends_the_call_with_the_exact_validation_error()
    {
        var call = Answered();
        call.Respond("""[{"action":"input","type":["dtmf"],"dtmf":{"maxDigits":50}}]""");

        var failed = Assert.Single(call.Effects.OfType<PublishEvent>(), e => e.Event.Type == VoiceEventTypes.CallFlowFailed);
        Assert.Equal(
            "answer webhook https://app.example/answer returned an invalid call flow: /0/dtmf/maxDigits: must be 1..20",
            failed.Event.Data["reason"]!.GetValue<string>());
        call.Command<HangupCommand>();
    }

    [Fact]
    public void An_empty_answer_document_fails_the_flow()
    {
        var call = Answered();
        call.Respond(null);
        var failed = Assert.Single(call.Effects.OfType<PublishEvent>(), e => e.Event.Type == VoiceEventTypes.CallFlowFailed);
        Assert.Equal("answer webhook https://app.example/answer returned an empty document", failed.Event.Data["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Answers_to_a_stale_request_or_attempt_are_ignored()
    {
        var call = Answered();
        var first = call.Effect<FetchCallFlow>();
        call.FailFetch();

        Assert.Empty(call.Apply(new CallFlowFetched(first.RequestId, 1, """[{"action":"hangup"}]""")));
        Assert.Empty(call.Apply(new CallFlowFetched("call-1:f999", 2, """[{"action":"hangup"}]""")));
        Assert.Empty(call.Apply(new WebhookFailed(first.RequestId, 1, "late")));
        Assert.Equal(CallStatus.InProgress, call.Status);
    }

    [Fact]
    public void A_failing_input_webhook_fails_the_flow()
    {
        var call = Running("""[{"action":"input","type":["dtmf"],"eventUrl":["https://app.example/ivr"]}]""");
        call.EndGather("1");
        call.FailFetch();
        call.FailFetch("HTTP 404");
        var failed = Assert.Single(call.Effects.OfType<PublishEvent>(), e => e.Event.Type == VoiceEventTypes.CallFlowFailed);
        Assert.Equal("input eventUrl https://app.example/ivr failed after 2 attempts: HTTP 404", failed.Event.Data["reason"]!.GetValue<string>());
    }

    [Fact]
    public void A_failing_notify_webhook_is_skipped()
    {
        var call = Running("""[{"action":"notify","payload":{},"eventUrl":["https://app.example/n"]},{"action":"talk","text":"still here"}]""");
        call.FailFetch();
        call.FailFetch();
        Assert.Equal("still here", call.Command<SayCommand>().Text);
        Assert.DoesNotContain(VoiceEventTypes.CallFlowFailed, call.EventTypes);
    }
}
