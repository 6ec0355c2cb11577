namespace Voice.Events.Webhooks;

/// <summary>
/// A webhook's target settings beyond its URL: the URL it fails over to when the primary does not take it, and how
/// long one attempt waits for a response (null: the engine's default).
/// </summary>
public sealed record WebhookTargetSettings(string? FailoverUrl, int? AttemptTimeoutSeconds);
