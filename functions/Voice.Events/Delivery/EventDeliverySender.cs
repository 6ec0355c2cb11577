using Microsoft.Extensions.Logging;
using Voice.Events.Subscriptions;
using Voice.Events.Webhooks;
using Voice.OutboundHttp;

namespace Voice.Events.Delivery;

/// <summary>
/// Makes one delivery attempt through the SSRF-guarded webhooks client (<see cref="OutboundHttpClients.Webhooks"/>, no retries of its own) and classifies the result. Never throws
/// except for <paramref name="attemptTimeout"/>-unrelated cancellation of the caller's token: refused targets,
/// connection failures and timeouts become <see cref="DeliveryOutcome"/>s.
/// </summary>
public sealed class EventDeliverySender(
    OutboundTargetGuard guard,
    IHttpClientFactory clients,
    IWebhookAccountPolicy accountPolicy,
    WebhookFormats webhookFormats,
    TimeProvider clock,
    TimeSpan attemptTimeout,
    ILogger<EventDeliverySender> logger) : IDisposable
{
    private readonly HttpClient http = clients.CreateClient(OutboundHttpClients.Webhooks);

    public async Task<DeliveryOutcome> SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        Uri.TryCreate(delivery.Target, UriKind.Absolute, out var endpoint);
        var allowPrivate = delivery.Kind == DeliveryKind.Webhook
            && await accountPolicy.AllowsPrivateTargetsAsync(delivery.AccountId, cancellationToken);
        var check = await guard.CheckAsync(endpoint, allowPrivate, cancellationToken);
        if (!check.Allowed)
        {
            logger.LogWarning("Delivery {DeliveryId} to {Endpoint} refused: {Reason}", delivery.DeliveryId, delivery.Target, check.Reason);
            return DeliveryOutcome.Refused("Target refused: " + check.Reason);
        }

        var format = delivery.Kind == DeliveryKind.Webhook ? webhookFormats.For(delivery) : null;
        using var request = format is not null
            ? await format.CreateAsync(delivery, endpoint!, clock.GetUtcNow(), cancellationToken)
            : SubscriptionRequests.Create(delivery, endpoint!);
        if (request is null)
        {
            return DeliveryOutcome.NotSent;
        }

        var outcome = await SendAsync(request, allowPrivate, AttemptTimeout(delivery), cancellationToken);
        if (format is not null)
        {
            await format.AttemptedAsync(delivery, endpoint!, outcome, cancellationToken);
        }

        return outcome;
    }

    public void Dispose() => http.Dispose();

    /// <summary>The delivery's own timeout (a Telnyx application's webhook_timeout_secs) when it has one.</summary>
    private TimeSpan AttemptTimeout(PendingDelivery delivery) =>
        delivery.AttemptTimeoutSeconds is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : attemptTimeout;

    private async Task<DeliveryOutcome> SendAsync(HttpRequestMessage request, bool allowPrivate, TimeSpan limit, CancellationToken cancellationToken)
    {
        request.Options.Set(OutboundTargetGuard.AllowPrivateOption, allowPrivate);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return DeliveryOutcome.FromStatus((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Failed($"Timeout after {limit.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (e.InnerException is TargetRefusedException refused)
        {
            return DeliveryOutcome.Refused("Target refused: " + refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Failed(e.HttpRequestError + ": " + e.Message);
        }
    }
}
