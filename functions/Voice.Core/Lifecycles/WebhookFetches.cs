using Voice.Core.CallFlow;
using Voice.Core.Calls;
using Voice.Core.Events;
using Voice.Media.Contracts;

namespace Voice.Core.Lifecycles;

/// <summary>
/// Call-flow webhooks of a call, as Vonage handles them: each request has the host's connect (3 s) and response
/// (5 s) budgets; a failure is retried once, then the fallback URL is tried if the call has one; after that an
/// answer or input webhook fails the call flow (a notify failure is skipped). An answer that is not a valid
/// call flow fails the flow too. Answers to a request that is no longer pending are ignored.
/// </summary>
internal static class WebhookFetches
{
    public static void Start(CallStep step, WebhookPurpose purpose, string url, string method, string payloadJson)
    {
        var pending = new PendingFetch(step.NextId("f"), purpose, url, method, payloadJson, Attempt: 1);
        Request(step, pending);
    }

    public static void OnFetched(CallStep step, CallFlowFetched fetched)
    {
        if (!IsPending(step, fetched.RequestId, fetched.Attempt, out var pending))
        {
            return;
        }

        step.State = step.State with { Fetch = null, Waiting = null };
        if (string.IsNullOrWhiteSpace(fetched.Document))
        {
            if (pending.Purpose == WebhookPurpose.Answer)
            {
                FailFlow(step, $"answer webhook {pending.Url} returned an empty document");
            }
            else
            {
                CallFlowExecution.Run(step);
            }

            return;
        }

        var parsed = CallFlowParser.Parse(fetched.Document, step.Call.Dialect);
        if (!parsed.IsSuccess)
        {
            FailFlow(step, $"{Describe(pending.Purpose)} {pending.Url} returned an invalid call flow: {parsed.Error}");
            return;
        }

        step.State = step.State with { Flow = parsed.Value, NextAction = 0 };
        if (pending.Purpose == WebhookPurpose.Answer && step.Status == CallStatus.Ringing)
        {
            var answer = step.Send(id => new AnswerCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now });
            step.State = step.State with { Waiting = new FlowWait(WaitKind.Answer, answer) };
            return;
        }

        CallFlowExecution.Run(step);
    }

    public static void OnFailed(CallStep step, WebhookFailed failed)
    {
        if (!IsPending(step, failed.RequestId, failed.Attempt, out var pending))
        {
            return;
        }

        if (pending.Attempt == 1)
        {
            Request(step, pending with { Attempt = 2 });
        }
        else if (pending.Attempt == 2 && step.State.FallbackUrl is { } fallback)
        {
            Request(step, pending with { Attempt = 3, Url = fallback });
        }
        else if (pending.Purpose == WebhookPurpose.Notify)
        {
            step.State = step.State with { Fetch = null, Waiting = null };
            CallFlowExecution.Run(step);
        }
        else
        {
            step.State = step.State with { Fetch = null, Waiting = null };
            FailFlow(step, $"{Describe(pending.Purpose)} {pending.Url} failed after {pending.Attempt} attempts: {failed.Reason}");
        }
    }

    /// <summary>Publishes CallFlowFailed with <paramref name="reason"/> and ends the call (an unanswered inbound call is rejected).</summary>
    public static void FailFlow(CallStep step, string reason)
    {
        step.Publish(VoiceEventTypes.CallFlowFailed, new() { ["reason"] = reason });
        if (step.Status == CallStatus.InProgress)
        {
            CallLifecycle.HangUp(step, CallStatus.Completed, "call_flow_failed");
            return;
        }

        step.Send(id => new RejectCommand { Id = id, CallId = step.Call.Id, IssuedAt = step.Now, Reason = "unavailable" });
        CallLifecycle.End(step, CallStatus.Failed, "call_flow_failed");
    }

    private static void Request(CallStep step, PendingFetch pending)
    {
        step.State = step.State with { Fetch = pending, Waiting = new FlowWait(WaitKind.Fetch, pending.RequestId) };
        var fallback = pending.Attempt < 3 ? step.State.FallbackUrl : null;
        step.Emit(id => new FetchCallFlow
        {
            Id = id,
            RequestId = pending.RequestId,
            Url = pending.Url,
            Method = pending.Method,
            PayloadJson = pending.PayloadJson,
            Purpose = pending.Purpose,
            Attempt = pending.Attempt,
            FallbackUrl = fallback,
            Dialect = step.Call.Dialect,
        });
    }

    private static bool IsPending(CallStep step, string requestId, int attempt, out PendingFetch pending)
    {
        pending = step.State.Fetch!;
        return step.State.Fetch is { } fetch && fetch.RequestId == requestId && fetch.Attempt == attempt;
    }

    private static string Describe(WebhookPurpose purpose) => purpose switch
    {
        WebhookPurpose.Answer => "answer webhook",
        WebhookPurpose.InputResult => "input eventUrl",
        _ => "notify eventUrl",
    };
}
