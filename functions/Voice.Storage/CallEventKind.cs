namespace Voice.Storage;

/// <summary>What a call event is: a command the call accepted, or a webhook sent for it.</summary>
public enum CallEventKind
{
    Command,
    Webhook,
}
