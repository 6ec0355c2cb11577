namespace Voice.Events.Targets;

/// <summary>Thrown from the guarded connection when the address a host resolves to is refused.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
