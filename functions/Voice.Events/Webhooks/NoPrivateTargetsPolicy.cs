namespace Voice.Events.Webhooks;

/// <summary>Default policy until accounts carry their own flag: no account may reach private addresses.</summary>
public sealed class NoPrivateTargetsPolicy : IWebhookAccountPolicy
{
    public ValueTask<bool> AllowsPrivateTargetsAsync(string accountId, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
