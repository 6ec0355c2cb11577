namespace Voice.Events.Webhooks;

/// <summary>Per-account webhook settings the delivery consults at send time.</summary>
public interface IWebhookAccountPolicy
{
    /// <summary>True when the account may send webhooks to private, loopback or link-local addresses.</summary>
    ValueTask<bool> AllowsPrivateTargetsAsync(string accountId, CancellationToken cancellationToken);
}
