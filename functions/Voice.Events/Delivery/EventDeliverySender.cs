using Microsoft.Extensions.Logging;
using Voice.Events.Subscriptions;
using Voice.Events.Targets;
using Voice.Events.Webhooks;

namespace Voice.Events.Delivery;

/// <summary>
/// Makes one delivery attempt through the SSRF-guarded HTTP handler and classifies the result. Never throws
/// except for <paramref name="attemptTimeout"/>-unrelated cancellation of the caller's token: refused targets,
/// connection failures and timeouts become <see cref="DeliveryOutcome"/>s.
/// </summary>
public sealed class EventDeliverySender(
    WebhookTargetGuard guard,
    IWebhookAccountPolicy accountPolicy,
    WebhookFormats webhookFormats,
    TimeProvider clock,
    TimeSpan attemptTimeout,
    ILogger<EventDeliverySender> logger) : IDisposable
{
    private readonly HttpClient http = new(guard.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<DeliveryOutcome> SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        Uri.TryCreate(delivery.Endpoint, UriKind.Absolute, out var endpoint);
        var allowPrivate = delivery.Kind == DeliveryKind.Webhook
            && await accountPolicy.AllowsPrivateTargetsAsync(delivery.AccountId, cancellationToken);
        var check = await guard.CheckAsync(endpoint, allowPrivate, cancellationToken);
        if (!check.Allowed)
        {
            logger.LogWarning("Delivery {DeliveryId} to {Endpoint} refused: {Reason}", delivery.DeliveryId, delivery.Endpoint, check.Reason);
            return DeliveryOutcome.Refused("Target refused: " + check.Reason);
        }

        using var request = delivery.Kind == DeliveryKind.Webhook
            ? await webhookFormats.For(delivery).CreateAsync(delivery, endpoint!, clock.GetUtcNow(), cancellationToken)
            : SubscriptionRequests.Create(delivery, endpoint!);
        if (request is null)
        {
            return DeliveryOutcome.NotSent;
        }

        request.Options.Set(WebhookTargetGuard.AllowPrivateOption, allowPrivate);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(attemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return DeliveryOutcome.FromStatus((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Failed($"Timeout after {attemptTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            return DeliveryOutcome.Refused("Target refused: " + refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Failed(e.HttpRequestError + ": " + e.Message);
        }
    }

    public void Dispose() => http.Dispose();
}
