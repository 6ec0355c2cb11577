using System.Text;
using Voice.Media.Contracts;
using Voice.Sip.Messages;
using Voice.Sip.UserAgent;

namespace Voice.MediaNode.Calls;

/// <summary>
/// Blind transfer (refer: a SIP REFER, reported as refer_progress) and SIP INFO (send_sip_info; the peer's INFO as
/// sip_info_received). After a successful transfer the leg hangs up unless the transferee already sent BYE (RFC 5589
/// §6.1 lets either side end the original dialog), so the leg always ends.
/// </summary>
public sealed partial class CallLeg
{
    private async Task HandleTransferAsync(MediaCommand command, CancellationToken cancellationToken)
    {
        if (sip is not { State: SipCallState.Established } call)
        {
            await services.Events.PublishErrorAsync(CallId, command.Id, "invalid_state", "only an answered call can be transferred or sent INFO", cancellationToken);
            return;
        }

        switch (command)
        {
            case ReferCommand refer:
                await ReferAsync(call, refer, cancellationToken);
                break;
            case SendSipInfoCommand info:
                await SendInfoAsync(call, info, cancellationToken);
                break;
        }
    }

    private async Task ReferAsync(SipCall call, ReferCommand refer, CancellationToken cancellationToken)
    {
        if (SipUri.Parse(refer.Target) is not { IsSip: true, Headers: null } target)
        {
            await services.Events.PublishErrorAsync(CallId, refer.Id, "invalid_destination", $"'{refer.Target}' is not a sip: URI without headers", cancellationToken);
            return;
        }

        var request = new SipReferRequest
        {
            Target = target,
            TargetHeaders = [.. (refer.TargetHeaders ?? new Dictionary<string, string>()).Select(h => new SipHeader(h.Key, h.Value))],
            Headers = [.. (refer.Headers ?? new Dictionary<string, string>())
                .Where(h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
                .Select(h => new SipHeader(h.Key, h.Value))],
        };
        if (await call.ReferAsync(request) is not { } subscription)
        {
            await services.Events.PublishErrorAsync(CallId, refer.Id, "invalid_state", "the call ended before the REFER could be sent", cancellationToken);
            return;
        }

        _ = FollowReferAsync(call, subscription, refer.Id);
    }

    private async Task FollowReferAsync(SipCall call, SipReferSubscription subscription, string commandId)
    {
        try
        {
            if (await subscription.ReferStatus is { } accepted and >= 200 and < 300)
            {
                await PublishReferAsync(commandId, accepted, final: false, sipfrag: null, result: null);
            }

            string? finalSipfrag = null;
            await foreach (var progress in subscription.Progress.ReadAllAsync())
            {
                if (progress.IsFinal)
                {
                    finalSipfrag = progress.Sipfrag;
                    continue;
                }

                await PublishReferAsync(commandId, progress.StatusCode, final: false, progress.Sipfrag, result: null);
            }

            var outcome = await subscription.Completed;
            var (status, result) = outcome.Result switch
            {
                SipReferResult.Succeeded => (outcome.NotifyStatus ?? 200, "succeeded"),
                SipReferResult.Failed => (outcome.NotifyStatus ?? 0, "failed"),
                SipReferResult.Refused => (outcome.ReferStatus ?? 0, "refused"),
                SipReferResult.TimedOut => (outcome.NotifyStatus ?? 0, "timeout"),
                _ => (outcome.NotifyStatus ?? 0, "call_ended"),
            };
            await PublishReferAsync(commandId, status, final: true, finalSipfrag, result);
            if (outcome.Result == SipReferResult.Succeeded && call.State == SipCallState.Established)
            {
                await HangupAsync(HangupCauses.Normal);
            }
        }
        catch (Exception e)
        {
            services.Logger.LogError(e, "Call {CallId}: following the REFER of command {CommandId} failed", CallId, commandId);
        }
    }

    private Task<MediaEvent> PublishReferAsync(string commandId, int status, bool final, string? sipfrag, string? result) =>
        services.Events.PublishAsync(new ReferProgressEvent { Id = "", CallId = CallId, CommandId = commandId, Status = status, Final = final, Sipfrag = sipfrag, Result = result });

    private async Task SendInfoAsync(SipCall call, SendSipInfoCommand info, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(info.Body);
        if (body.Length > SipCall.MaxInfoBodyBytes || info.ContentType.Any(char.IsControl) || !info.ContentType.Contains('/', StringComparison.Ordinal))
        {
            await services.Events.PublishErrorAsync(CallId, info.Id, "invalid_sip_info", $"the INFO needs a content type type/subtype and a body of at most {SipCall.MaxInfoBodyBytes} bytes", cancellationToken);
            return;
        }

        switch (await call.SendInfoAsync(info.ContentType, body))
        {
            case null:
                await services.Events.PublishErrorAsync(CallId, info.Id, "invalid_state", "the call ended before the INFO could be sent", cancellationToken);
                break;
            case { IsSuccess: false } refused:
                await services.Events.PublishErrorAsync(CallId, info.Id, "sip_info_refused", $"the peer answered the INFO with {refused.StatusCode} {refused.ReasonPhrase}", cancellationToken);
                break;
        }
    }

    private Task<MediaEvent> PublishInfoReceivedAsync(SipCallInfoReceived info) =>
        services.Events.PublishAsync(new SipInfoReceivedEvent { Id = "", CallId = CallId, ContentType = info.ContentType, Body = Encoding.UTF8.GetString(info.Body.Span) });
}
